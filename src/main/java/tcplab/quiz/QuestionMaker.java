package tcplab.quiz;

/**
 * Makes one question of its {@link QuestionType} for one {@link Ask}. Every answer is computed,
 * never written: by running a real {@link tcplab.tcp.TcpEndpoint} ({@link Conn}), the simulator,
 * the netstat emitter and parser, or the explainer.
 */
interface QuestionMaker {
    Question make();
}
