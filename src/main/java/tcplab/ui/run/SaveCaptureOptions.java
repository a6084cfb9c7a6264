package tcplab.ui.run;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import tcplab.i18n.Lang;
import tcplab.i18n.Texts;

/**
 * The choices of "Save as capture…", as {@code simulate --pcap FILE --capture-at HOST --ipv6}
 * offers them: where the capture is taken (on the wire, or at one host: what its tcpdump would
 * have shown) and IPv4 or IPv6 addresses; the format follows the file name (said here, chosen in
 * the file dialog). The window shows it in a dialog before the file chooser.
 */
public final class SaveCaptureOptions extends GridPane {
    /** The options chosen: {@code captureAt} null for on the wire. */
    public record Options(String captureAt, boolean ipv6) {
    }

    /** The capture point "on the wire" in the choice box (a host name never is empty). */
    private static final String WIRE = "";

    private final ChoiceBox<String> point = new ChoiceBox<>();
    private final CheckBox ipv6 = new CheckBox();

    /**
     * @param hosts         the run's hosts, each a capture point
     * @param alreadyIpv6   the run is an IPv6 capture: saved with its own addresses, the box checked and fixed
     */
    public SaveCaptureOptions(List<String> hosts, boolean alreadyIpv6, Lang lang) {
        Texts t = Texts.of(LadderView.BUNDLE, lang);
        setId("save-capture-options");
        setHgap(10);
        setVgap(8);
        setPadding(new Insets(10));
        point.setId("save-capture-point");
        point.getItems().add(WIRE);
        point.getItems().addAll(hosts);
        point.setValue(WIRE);
        point.setConverter(new StringConverter<>() {
            @Override
            public String toString(String h) {
                return h == null || h.isEmpty() ? t.get("save.wire") : t.get("save.atHost", h);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        ipv6.setId("save-capture-ipv6");
        ipv6.setText(t.get(alreadyIpv6 ? "save.ipv6Already" : "save.ipv6"));
        ipv6.setSelected(alreadyIpv6);
        ipv6.setDisable(alreadyIpv6);
        Label format = new Label(t.get("save.format"));
        format.setId("save-capture-format");
        format.setWrapText(true);
        format.setMaxWidth(420);
        add(new Label(t.get("save.point")), 0, 0);
        add(point, 1, 0);
        add(ipv6, 1, 1);
        add(format, 0, 2, 2, 1);
    }

    public ChoiceBox<String> pointBox() {
        return point;
    }

    public CheckBox ipv6Box() {
        return ipv6;
    }

    public Options options() {
        String p = point.getValue();
        return new Options(p == null || p.isEmpty() ? null : p, ipv6.isSelected());
    }

    /** The file name the chooser proposes: the run's name, the host's when taken at one, pcapng. */
    public static String suggestedName(String runName, Options o) {
        return runName + (o.captureAt() == null ? "" : "-" + o.captureAt()) + ".pcapng";
    }
}
