package io.ecompipeline.warehouse.ddl;

import java.util.regex.Pattern;

/** Validates the identifiers that are spliced into SQL (schema names), since they cannot be bound. */
public final class Identifiers {
  private Identifiers() {}

  public static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

  /** The name itself when it is a plain lower-case identifier of at most 63 characters. */
  public static String require(String what, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + what + " '" + name + "': use lower-case letters, digits and _ (at most 63,"
              + " not starting with a digit), e.g. analytics");
    }
    return name;
  }
}
