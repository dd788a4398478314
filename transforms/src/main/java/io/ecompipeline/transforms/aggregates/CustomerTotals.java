package io.ecompipeline.transforms.aggregates;

import io.ecompipeline.transforms.util.ExactDecimalCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * The customer_ltv sums of many customers: per customer_id, counted orders, the first and last
 * order day and the revenue of their lines. Totals merge by summing, in any order.
 *
 * <p>Why not a {@link Tally} per customer: lifetime value ranks every customer at once, so the sums
 * travel in a few books per bundle into a single merge, instead of one tally of four maps per input
 * sorted by customer_id in a combine (the aggregates' most expensive shuffle).
 */
final class CustomerTotals {
  /** One customer's sums. */
  static final class Totals {
    private long orders;
    private long firstDay = Long.MAX_VALUE;
    private long lastDay = Long.MIN_VALUE;
    private BigDecimal revenue = BigDecimal.ZERO;

    long orders() {
      return orders;
    }

    long firstDay() {
      return firstDay;
    }

    long lastDay() {
      return lastDay;
    }

    BigDecimal revenue() {
      return revenue;
    }

    private void add(Totals other) {
      orders += other.orders;
      firstDay = Math.min(firstDay, other.firstDay);
      lastDay = Math.max(lastDay, other.lastDay);
      revenue = revenue.add(other.revenue);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Totals t && orders == t.orders && firstDay == t.firstDay && lastDay == t.lastDay
          && revenue.equals(t.revenue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(orders, firstDay, lastDay, revenue);
    }
  }

  private final Map<String, Totals> byCustomer = new HashMap<>();

  /** A counted order of {@code customer} on {@code epochDay}. */
  CustomerTotals addOrder(String customer, long epochDay) {
    Totals t = of(customer);
    t.orders++;
    t.firstDay = Math.min(t.firstDay, epochDay);
    t.lastDay = Math.max(t.lastDay, epochDay);
    return this;
  }

  /** Revenue of a line of one of {@code customer}'s counted orders. */
  CustomerTotals addRevenue(String customer, BigDecimal amount) {
    Totals t = of(customer);
    t.revenue = t.revenue.add(amount);
    return this;
  }

  /** Adds {@code other}'s sums into this book; {@code other} is left as it was. */
  CustomerTotals merge(CustomerTotals other) {
    other.byCustomer.forEach((customer, t) -> of(customer).add(t));
    return this;
  }

  Map<String, Totals> byCustomer() {
    return Collections.unmodifiableMap(byCustomer);
  }

  int size() {
    return byCustomer.size();
  }

  boolean isEmpty() {
    return byCustomer.isEmpty();
  }

  private Totals of(String customer) {
    return byCustomer.computeIfAbsent(customer, c -> new Totals());
  }

  static Coder<CustomerTotals> coder() {
    return TotalsCoder.INSTANCE;
  }

  // Value equality, so runners can compare books by content (the Direct runner's mutation checks do).
  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerTotals c && byCustomer.equals(c.byCustomer);
  }

  @Override
  public int hashCode() {
    return byCustomer.hashCode();
  }

  /** Customer by customer, in the map's order: a book is merged, never grouped by. */
  private static final class TotalsCoder extends AtomicCoder<CustomerTotals> {
    static final TotalsCoder INSTANCE = new TotalsCoder();
    private static final Coder<String> ID = StringUtf8Coder.of();
    private static final Coder<BigDecimal> DECIMAL = ExactDecimalCoder.of();

    @Override
    public void encode(CustomerTotals book, OutputStream out) throws IOException {
      VarInt.encode(book.byCustomer.size(), out);
      for (Map.Entry<String, Totals> e : book.byCustomer.entrySet()) {
        Totals t = e.getValue();
        ID.encode(e.getKey(), out);
        VarInt.encode(t.orders, out);
        VarInt.encode(t.firstDay, out);
        VarInt.encode(t.lastDay, out);
        DECIMAL.encode(t.revenue, out);
      }
    }

    @Override
    public CustomerTotals decode(InputStream in) throws IOException {
      CustomerTotals book = new CustomerTotals();
      for (int n = VarInt.decodeInt(in); n > 0; n--) {
        Totals t = new Totals();
        book.byCustomer.put(ID.decode(in), t);
        t.orders = VarInt.decodeLong(in);
        t.firstDay = VarInt.decodeLong(in);
        t.lastDay = VarInt.decodeLong(in);
        t.revenue = DECIMAL.decode(in);
      }
      return book;
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      throw new NonDeterministicException(this, "a book's customers are encoded in hash-map order");
    }
  }
}
