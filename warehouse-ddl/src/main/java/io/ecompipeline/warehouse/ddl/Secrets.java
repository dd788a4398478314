package io.ecompipeline.warehouse.ddl;

import java.util.regex.Pattern;

/** Masks passwords in anything that may reach a log or an error message. */
public final class Secrets {
  private Secrets() {}

  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)((?:password|pwd|secret|token)=)[^&;\\s]*");
  private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");

  /** The URL with every password-like query parameter and user-info password replaced by ***. */
  public static String maskUrl(String url) {
    if (url == null) return null;
    String m = URL_PASSWORD.matcher(url).replaceAll("$1***");
    return USERINFO.matcher(m).replaceAll("$1***@");
  }

  /** The text with the URL-style secrets and every occurrence of the given secret masked. */
  public static String mask(String text, String secret) {
    if (text == null) return null;
    String m = maskUrl(text);
    if (secret != null && !secret.isEmpty()) m = m.replace(secret, "***");
    return m;
  }
}
