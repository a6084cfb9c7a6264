package tcplab.capture;

/**
 * One captured frame as a capture file stores it.
 *
 * @param index     1-based number of the frame in the file (as Wireshark numbers them)
 * @param timeNanos capture time, nanoseconds since the Unix epoch (UTC)
 * @param linkType  the LINKTYPE_ value of the interface it was captured on
 * @param origLen   the frame's length on the wire ({@code data} may be shorter: the snap length)
 * @param data      the captured bytes
 * @param offset    byte offset of the frame's record in the file, for messages
 */
public record Frame(long index, long timeNanos, int linkType, int origLen, byte[] data, long offset) {
}
