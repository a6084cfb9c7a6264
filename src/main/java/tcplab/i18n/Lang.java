package tcplab.i18n;

import java.util.Locale;

/** The two languages every user-visible text exists in. */
public enum Lang {
    EN(Locale.ENGLISH),
    ZH(Locale.SIMPLIFIED_CHINESE);

    private final Locale locale;

    Lang(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code zh}, {@code zh-CN}, {@code zh_CN}, {@code en}, {@code en-US}...; null when neither. */
    public static Lang parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("zh") || t.startsWith("zh-") || t.startsWith("zh_") || t.equals("cn") || t.equals("中文")) {
            return ZH;
        }
        if (t.equals("en") || t.startsWith("en-") || t.startsWith("en_") || t.equals("english")) {
            return EN;
        }
        return null;
    }

    /** Chinese when the system locale is Chinese, English otherwise. */
    public static Lang fromLocale(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }

    public static Lang system() {
        return fromLocale(Locale.getDefault());
    }
}
