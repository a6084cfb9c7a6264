package tcplab.netstat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tcplab.tcp.TcpState;

/**
 * The words tools print around their rows, by language, in one table: the titles
 * ({@code Active Connections}, {@code Aktive Internetverbindungen}), the column headings
 * ({@code Lokale Adresse}, {@code 本地地址}) and the translated state words ({@code VERBUNDEN},
 * {@code OUÇA}). The parser reads headers and states with it ({@link NetstatParser},
 * {@link StateWords}); the window says what each column means with it
 * ({@code tcplab.ui.netstat.LineExplanations}). A new language is one more block below.
 *
 * <p>Sources: net-tools 2.10's own translations (Debian 12, {@code /usr/share/locale/LANG/
 * LC_MESSAGES/net-tools.mo}: cs, de, et, fr, ja, pt_BR; the column headings as its netstat prints
 * them, captured in {@code src/test/resources/netstat-fixtures/debian12-netns}); Windows in
 * Chinese and German from the fixtures and NETSTAT.md; Windows in Spanish, Italian, Japanese,
 * Korean, Portuguese, Russian and Traditional Chinese from the public samples listed in
 * {@code netstat-fixtures/README.md} (no word here without one).
 */
public final class ToolWords {
    /** The tool a title or a state word belongs to. */
    public enum Tool { WINDOWS, NET_TOOLS, POWERSHELL }

    /** What a column holds; {@link #key()} names its explanation in the window's bundle. */
    public enum Column {
        PROTO("col.proto"), NETID("col.netid"), RECV_Q("col.recvq"), SEND_Q("col.sendq"), LOCAL("col.local"),
        FOREIGN("col.foreign"), STATE("col.state"), PID("col.pid"), PROGRAM("col.program"), PROCESS("col.process");

        private final String key;

        Column(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** A title line's start, in a language, for a tool. */
    public record Title(String language, Tool tool, String text) {
    }

    /** A column heading as a tool prints it in a language. */
    public record ColumnWord(String language, String word, Column column) {
    }

    /** A translated state word. */
    public record StateWord(String language, Tool tool, String word, TcpState state) {
    }

    private static final List<Title> TITLES = new ArrayList<>();
    private static final List<ColumnWord> COLUMNS = new ArrayList<>();
    private static final List<StateWord> STATES = new ArrayList<>();

    static {
        // English: every tool, and the words no tool translates (Recv-Q, PID/Program name).
        lang("en")
                .title(Tool.WINDOWS, "Active Connections")
                .title(Tool.NET_TOOLS, "Active Internet connections")
                .columns(Column.PROGRAM, "PID/Program name").columns(Column.PROTO, "Proto")
                .columns(Column.NETID, "Netid").columns(Column.RECV_Q, "Recv-Q").columns(Column.SEND_Q, "Send-Q")
                .columns(Column.LOCAL, "Local Address", "local_address")
                .columns(Column.FOREIGN, "Foreign Address", "Peer Address", "rem_address")
                .columns(Column.STATE, "State", "(state)").columns(Column.PID, "PID").columns(Column.PROCESS, "Process");
        // PowerShell's Get-NetTCPConnection: the TcpState enum's names (MSFT_NetTCPConnection.State).
        lang("en")
                .states(Tool.POWERSHELL, TcpState.LISTEN, "Listen").states(Tool.POWERSHELL, TcpState.CLOSED, "Bound")
                .states(Tool.POWERSHELL, TcpState.SYN_SENT, "SynSent")
                .states(Tool.POWERSHELL, TcpState.SYN_RECEIVED, "SynReceived")
                .states(Tool.POWERSHELL, TcpState.FIN_WAIT_1, "FinWait1")
                .states(Tool.POWERSHELL, TcpState.FIN_WAIT_2, "FinWait2")
                .states(Tool.POWERSHELL, TcpState.TIME_WAIT, "TimeWait")
                .states(Tool.POWERSHELL, TcpState.CLOSE_WAIT, "CloseWait")
                .states(Tool.POWERSHELL, TcpState.LAST_ACK, "LastAck")
                .states(Tool.POWERSHELL, TcpState.CLOSED, "DeleteTCB")
                .columns(Column.LOCAL, "LocalAddress").columns(Column.FOREIGN, "RemoteAddress")
                .columns(Column.PID, "OwningProcess");
        // Simplified and Traditional Chinese Windows: headings translated, state words English.
        lang("zh")
                .title(Tool.WINDOWS, "活动连接").title(Tool.WINDOWS, "活動連線")
                .columns(Column.PROTO, "协议").columns(Column.LOCAL, "本地地址").columns(Column.FOREIGN, "外部地址")
                .columns(Column.STATE, "状态");
        // German: Windows translates headings and states; net-tools the title and ESTABLISHED.
        lang("de")
                .title(Tool.WINDOWS, "Aktive Verbindungen")
                .title(Tool.NET_TOOLS, "Aktive Internetverbindungen")
                .columns(Column.LOCAL, "Lokale Adresse").columns(Column.FOREIGN, "Remoteadresse")
                .columns(Column.STATE, "Status")
                // The OEM code page cp850 turns the Ö of ABHÖREN into byte 0x99, which cp1252 shows as ™.
                .states(Tool.WINDOWS, TcpState.LISTEN, "ABHÖREN", "ABH™REN", "ABHOEREN")
                .states(Tool.WINDOWS, TcpState.ESTABLISHED, "HERGESTELLT")
                .states(Tool.WINDOWS, TcpState.TIME_WAIT, "WARTEND")
                .states(Tool.WINDOWS, TcpState.CLOSE_WAIT, "SCHLIESSEN_WARTEN")
                .states(Tool.WINDOWS, TcpState.FIN_WAIT_1, "FIN_WARTEN_1")
                .states(Tool.WINDOWS, TcpState.FIN_WAIT_2, "FIN_WARTEN_2")
                .states(Tool.WINDOWS, TcpState.SYN_SENT, "SYN_GESENDET")
                .states(Tool.WINDOWS, TcpState.SYN_RECEIVED, "SYN_EMPFANGEN")
                .states(Tool.WINDOWS, TcpState.CLOSING, "SCHLIESSEND")
                .states(Tool.WINDOWS, TcpState.LAST_ACK, "LETZTES_ACK")
                .states(Tool.WINDOWS, TcpState.CLOSED, "GESCHLOSSEN")
                .states(Tool.NET_TOOLS, TcpState.ESTABLISHED, "VERBUNDEN");
        // net-tools in Czech: LAST_ACK has a space in it (two tokens).
        lang("cs")
                .title(Tool.NET_TOOLS, "Aktivní Internetová spojení")
                .columns(Column.RECV_Q, "Přích-F").columns(Column.SEND_Q, "Odch-F").columns(Column.LOCAL, "Místní Adresa")
                .columns(Column.FOREIGN, "Vzdálená Adresa").columns(Column.STATE, "Stav")
                .states(Tool.NET_TOOLS, TcpState.ESTABLISHED, "SPOJENO")
                .states(Tool.NET_TOOLS, TcpState.LISTEN, "NASLOUCHÁ")
                .states(Tool.NET_TOOLS, TcpState.LAST_ACK, "POSLEDNÍ ACK")
                .states(Tool.NET_TOOLS, TcpState.CLOSING, "ZAVÍRÁ")
                .states(Tool.NET_TOOLS, TcpState.CLOSED, "ZAVŘEN");
        lang("et")
                .title(Tool.NET_TOOLS, "Aktiivsed internetiühendused")
                .columns(Column.RECV_Q, "VvJrk").columns(Column.SEND_Q, "SaatJrk").columns(Column.LOCAL, "Kohalik aadress")
                .columns(Column.FOREIGN, "Väline aadress").columns(Column.STATE, "Olek");
        // French: net-tools translates its title; Windows its title and headings, not the states
        // (public samples: netstat -abo of a French Windows 10, see the fixtures' README).
        lang("fr")
                .title(Tool.NET_TOOLS, "Connexions Internet actives")
                .title(Tool.WINDOWS, "Connexions actives")
                .columns(Column.LOCAL, "Adresse locale").columns(Column.FOREIGN, "Adresse distante")
                .columns(Column.STATE, "Etat", "État");
        // Japanese Windows (win2012r2.com, "netstat -ano"): title and headings translated, state
        // words English; net-tools in Japanese translates its own title and headings.
        lang("ja")
                .title(Tool.WINDOWS, "アクティブな接続")
                .columns(Column.PROTO, "プロトコル").columns(Column.LOCAL, "ローカル アドレス")
                .title(Tool.NET_TOOLS, "稼働中のインターネット接続")
                .columns(Column.RECV_Q, "受信-Q").columns(Column.SEND_Q, "送信-Q").columns(Column.LOCAL, "内部アドレス")
                .columns(Column.FOREIGN, "外部アドレス").columns(Column.STATE, "状態");
        // Windows in other display languages: title and headings translated, the state words
        // English in every captured sample (public/README.md says where each comes from).
        lang("es")
                .title(Tool.WINDOWS, "Conexiones activas")
                // cp850's ó (0xA2) shown as cp1252's ¢: "netstat -nabo > informe.txt" read in Notepad.
                .columns(Column.LOCAL, "Dirección local", "Direcci¢n local")
                .columns(Column.FOREIGN, "Dirección remota", "Direcci¢n remota")
                .columns(Column.STATE, "Estado");
        lang("it")
                .title(Tool.WINDOWS, "Connessioni attive")
                .columns(Column.LOCAL, "Indirizzo locale").columns(Column.FOREIGN, "Indirizzo esterno")
                .columns(Column.STATE, "Stato");
        lang("ko")
                .title(Tool.WINDOWS, "활성 연결")
                .columns(Column.PROTO, "프로토콜").columns(Column.LOCAL, "로컬 주소").columns(Column.FOREIGN, "외부 주소")
                .columns(Column.STATE, "상태");
        lang("ru")
                .title(Tool.WINDOWS, "Активные подключения")
                .columns(Column.PROTO, "Имя").columns(Column.LOCAL, "Локальный адрес")
                .columns(Column.FOREIGN, "Внешний адрес").columns(Column.STATE, "Состояние");
        lang("zh_TW")
                .title(Tool.WINDOWS, "使用中連線")
                .columns(Column.PROTO, "協定").columns(Column.LOCAL, "本機位址").columns(Column.FOREIGN, "外部位址")
                .columns(Column.STATE, "狀態");
        // Portuguese Windows: a captured Windows 10 keeps the English state words; ESCUTANDO and
        // ESTABELECIDA are what three Brazilian projects' tests and simulators show for it.
        lang("pt")
                .title(Tool.WINDOWS, "Conexões ativas")
                .columns(Column.LOCAL, "Endereço local").columns(Column.FOREIGN, "Endereço externo")
                .states(Tool.WINDOWS, TcpState.LISTEN, "ESCUTANDO")
                .states(Tool.WINDOWS, TcpState.ESTABLISHED, "ESTABELECIDA");
        lang("pt_BR")
                .title(Tool.NET_TOOLS, "Conexões Internet Ativas")
                .columns(Column.LOCAL, "Endereço Local").columns(Column.FOREIGN, "Endereço Remoto")
                .columns(Column.STATE, "Estado")
                .states(Tool.NET_TOOLS, TcpState.ESTABLISHED, "ESTABELECIDA")
                .states(Tool.NET_TOOLS, TcpState.SYN_SENT, "SYN_ENVIADO")
                .states(Tool.NET_TOOLS, TcpState.SYN_RECEIVED, "SYN_RECEBIDO")
                .states(Tool.NET_TOOLS, TcpState.FIN_WAIT_1, "ESPERA_FIN1")
                .states(Tool.NET_TOOLS, TcpState.FIN_WAIT_2, "ESPERA_FIN2")
                .states(Tool.NET_TOOLS, TcpState.CLOSED, "FECHAR")
                .states(Tool.NET_TOOLS, TcpState.CLOSE_WAIT, "ESPERANDO_FECHAR")
                .states(Tool.NET_TOOLS, TcpState.LAST_ACK, "ÚLTIMO_ACK")
                .states(Tool.NET_TOOLS, TcpState.LISTEN, "OUÇA")
                .states(Tool.NET_TOOLS, TcpState.CLOSING, "FECHANDO");
    }

    private ToolWords() {
    }

    /** Builder of one language's block. */
    private record Lang(String tag) {
        Lang title(Tool tool, String text) {
            TITLES.add(new Title(tag, tool, text));
            return this;
        }

        Lang columns(Column c, String... words) {
            for (String w : words) {
                COLUMNS.add(new ColumnWord(tag, w, c));
            }
            return this;
        }

        Lang states(Tool tool, TcpState s, String... words) {
            for (String w : words) {
                STATES.add(new StateWord(tag, tool, w, s));
            }
            return this;
        }
    }

    private static Lang lang(String tag) {
        return new Lang(tag);
    }

    public static List<Title> titles() {
        return Collections.unmodifiableList(TITLES);
    }

    public static List<ColumnWord> columnWords() {
        return Collections.unmodifiableList(COLUMNS);
    }

    public static List<StateWord> stateWords() {
        return Collections.unmodifiableList(STATES);
    }

    /** The title {@code line} starts with (trimmed), or null. */
    static Title titleOf(String line) {
        for (Title t : TITLES) {
            if (line.startsWith(t.text())) {
                return t;
            }
        }
        return null;
    }

    /** The first column word of {@code column} that {@code line} contains, or null. */
    static ColumnWord find(String line, Column column) {
        for (ColumnWord w : COLUMNS) {
            if (w.column() == column && line.contains(w.word())) {
                return w;
            }
        }
        return null;
    }

    /** True when {@code word} is a heading of the protocol column in some language. */
    static boolean isProtoHeading(String word) {
        for (ColumnWord w : COLUMNS) {
            if (w.column() == Column.PROTO && w.word().equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** Every word a header line can start with: the titles' and headings' first words. */
    static java.util.Set<String> headerFirstWords() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Title t : TITLES) {
            out.add(t.text().split(" ")[0]);
        }
        for (ColumnWord w : COLUMNS) {
            if (w.column() == Column.PROTO) {
                out.add(w.word());
            }
        }
        return out;
    }
}
