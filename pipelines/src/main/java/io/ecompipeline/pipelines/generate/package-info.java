/**
 * The synthetic data generator behind {@code ecom generate}: plain JDK, seeded, fast.
 *
 * <h2>What it writes</h2>
 * <pre>
 * &lt;lake&gt;/bronze/customers/ingest_date=D/customers_D.csv        (day 1: full extract; later: changes + new members)
 * &lt;lake&gt;/bronze/products/ingest_date=D/products_D.csv          (same)
 * &lt;lake&gt;/bronze/orders/ingest_date=D/orders_D.csv              (new orders + status changes of earlier orders)
 * &lt;lake&gt;/bronze/order_items/ingest_date=D/order_items_D.csv
 * &lt;lake&gt;/bronze/payments/ingest_date=D/payments_D.csv          (captures, failures, splits, refunds)
 * &lt;lake&gt;/bronze/reviews/ingest_date=D/reviews_D.csv
 * &lt;lake&gt;/bronze/clickstream/ingest_date=D/clickstream_D.jsonl
 * &lt;lake&gt;/bronze/&lt;entity&gt;/ingest_date=D/&lt;entity&gt;_D_partner.csv   (dirty only: a file lacking a required column)
 * &lt;lake&gt;/bronze/_generator/ingest_date=D/manifest.json         (rows per entity and defects of the day; not an entity)
 * </pre>
 * With a dirty rate above 0 some CSV files come as {@code .csv.gz}, with a BOM, CRLF line ends,
 * upper-case headers, reordered columns or an extra {@code loyalty_tier} column (all valid input).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>Randomness: every stream is a {@code SplittableRandom} seeded from (seed, day index, stream), so the
 *       new records of a day depend only on the seed and the day. Member lists and the queue of order
 *       lifecycle events (ship, deliver, cancel, return, review) carry over, so days are generated in order.
 *       Defect decisions have their own streams: a dirty lake holds the clean lake's records plus defects
 *       (orphans swap an id in place).</li>
 *   <li>Dirty rate R: each clean record draws one extra defective copy with probability R, its class picked
 *       uniformly among the classes that apply to the entity (so each class gets about R/k); orphans, early
 *       lines, stale re-sends, late changes and cross-day duplicates are drawn at R/6 per opportunity, and the
 *       partner file copies about R/20 of a main file's records. The quarantinable share of each entity's
 *       records therefore stays below R.</li>
 *   <li>Counts are exact: the summary and the manifests count each injected record once, under one class;
 *       {@code missing_column} counts the data lines of the partner file.</li>
 *   <li>Clean timestamps never pass the end of their ingest date (follow-ups are kept before midnight), so no
 *       reading of "more than 1 day after the run date" quarantines clean data; future defects are 3+ days out.</li>
 *   <li>Money is BRL (a few marketplace orders in USD at a fifth of the price), Brazilian cities and IBGE
 *       regions (N, NE, CO, SE, S), country BR.</li>
 *   <li>Memory: the member lists plus the orders still waiting for a lifecycle event (a few days of orders):
 *       about 0.5 GB at scale 10; scale 100 wants a few GB of heap.</li>
 *   <li>Early order lines (lines a day before their order) are only drawn when the next day is generated too,
 *       so a generated range never ends with lines waiting for an order that will not come.</li>
 *   <li>Malformed CSV records are always two fields short, never an open quote: a reader cannot lose the rest
 *       of the file to them, and each counts as exactly one record.</li>
 *   <li>Sessions: one purchase session per order (ending at {@code order_ts}, so an order just after midnight
 *       has a session that starts the day before) and 1.2 browsing sessions per order, about half anonymous.</li>
 * </ul>
 */
package io.ecompipeline.pipelines.generate;
