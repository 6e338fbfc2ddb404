using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Expectations.Benchmarks;

/// <summary>
/// The sample suite as one DuckDB SQL query over the same Parquet file (how SQL-pushdown tools run checks):
/// one aggregate per expectation, with GX semantics (nulls skipped by map checks, NaN outside every range,
/// unique = rows whose value occurs more than once). <see cref="Verify"/> checks both engines agree.
/// </summary>
internal static class DuckDbSuite
{
    /// <summary>The country value set of the suite, as a SQL list.</summary>
    private static readonly string Countries = string.Join(",", BenchmarkData.Suite().Expectations
        .OfType<ColumnValuesToBeInSet>().Single(e => e.Column == "country").ValueSet.Select(v => $"'{v.AsString()}'"));

    /// <summary>Figure names in the order of the suite's expectations (the columns-match-set check is schema only: left out).</summary>
    public static readonly string[] Figures =
    [
        "row_count", "id_nulls", "amount_nulls", "email_nulls", "amount_outside", "score_outside", "quantity_outside",
        "unit_price_outside", "created_at_outside", "currency_outside", "label_outside", "country_outside", "email_banned",
        "id_duplicated_rows", "id_created_duplicated_rows", "email_regex_mismatch", "email_length_outside", "score_mean",
        "amount_mean", "amount_max", "total_below_unit_price", "currency_distinct_outside",
    ];

    /// <summary>The suite's e-mail pattern without its anchors (a full match).</summary>
    private const string EmailPattern = @"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}";

    /// <summary>The query over <paramref name="path"/>.</summary>
    public static string Sql(string path)
    {
        var source = $"read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        // created_at is TIMESTAMP(MICROS, UTC): compare epoch microseconds, independent of the session time zone.
        var from2026 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var from2027 = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        return string.Create(CultureInfo.InvariantCulture, $"""
            WITH t AS (SELECT * FROM {source}),
            agg AS (
              SELECT
                count(*) AS row_count,
                count(*) - count(transaction_id) AS id_nulls,
                count(*) - count(amount) AS amount_nulls,
                count(*) - count(customer_email) AS email_nulls,
                count(*) FILTER (WHERE isnan(amount) OR amount < 0 OR amount > 100000) AS amount_outside,
                count(*) FILTER (WHERE isnan(score) OR score < 0 OR score > 1) AS score_outside,
                count(*) FILTER (WHERE quantity < 1 OR quantity > 100) AS quantity_outside,
                count(*) FILTER (WHERE isnan(unit_price) OR unit_price < 0.01 OR unit_price > 10000) AS unit_price_outside,
                count(*) FILTER (WHERE epoch_us(created_at) < {from2026} OR epoch_us(created_at) >= {from2027}) AS created_at_outside,
                count(*) FILTER (WHERE currency NOT IN ('USD','EUR','GBP')) AS currency_outside,
                count(*) FILTER (WHERE label NOT IN ('positive','negative','neutral')) AS label_outside,
                count(*) FILTER (WHERE country NOT IN ({Countries})) AS country_outside,
                count(*) FILTER (WHERE customer_email IN ('','n/a','none','test@test.com')) AS email_banned,
                count(*) FILTER (WHERE NOT regexp_full_match(customer_email, '{EmailPattern}')) AS email_regex_mismatch,
                count(*) FILTER (WHERE length(customer_email) < 6 OR length(customer_email) > 254) AS email_length_outside,
                avg(score) FILTER (WHERE NOT isnan(score)) AS score_mean,
                avg(amount) FILTER (WHERE NOT isnan(amount)) AS amount_mean,
                max(amount) FILTER (WHERE NOT isnan(amount)) AS amount_max,
                count(*) FILTER (WHERE NOT (total >= unit_price)) AS total_below_unit_price,
                count(DISTINCT currency) FILTER (WHERE currency NOT IN ('USD','EUR','GBP')) AS currency_distinct_outside
              FROM t),
            ids AS (SELECT coalesce(sum(n), 0) AS id_duplicated_rows FROM (SELECT count(*) AS n FROM t WHERE transaction_id IS NOT NULL GROUP BY transaction_id HAVING count(*) > 1)),
            pairs AS (SELECT coalesce(sum(n), 0) AS id_created_duplicated_rows FROM (SELECT count(*) AS n FROM t GROUP BY transaction_id, created_at HAVING count(*) > 1))
            SELECT {string.Join(", ", Figures)} FROM agg, ids, pairs
            """);
    }

    /// <summary>Runs the query with <paramref name="threads"/> DuckDB threads; returns the figures by name.</summary>
    public static Dictionary<string, double> Run(string path, int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}");
            set.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = Sql(path);
        using var reader = command.ExecuteReader();
        reader.Read();
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            figures[reader.GetName(i)] = reader.IsDBNull(i) ? double.NaN
                : reader.GetValue(i) is System.Numerics.BigInteger big ? (double)big // SUM() comes back as a BigInteger
                : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        }

        return figures;
    }

    /// <summary>The same figures from an Expectations report of the sample suite.</summary>
    public static Dictionary<string, double> FromReport(ValidationReport report)
    {
        var r = report.Results;
        double Unexpected(int i) => r[i].Result?.UnexpectedCount ?? double.NaN;
        double Observed(int i) => r[i].Result?.ObservedValue is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
        var missingEmail = r[3].Result?.UnexpectedCount ?? double.NaN;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["row_count"] = Observed(0),
            ["id_nulls"] = Unexpected(1),
            ["amount_nulls"] = Unexpected(2),
            ["email_nulls"] = missingEmail,
            ["amount_outside"] = Unexpected(4),
            ["score_outside"] = Unexpected(5),
            ["quantity_outside"] = Unexpected(6),
            ["unit_price_outside"] = Unexpected(7),
            ["created_at_outside"] = Unexpected(8),
            ["currency_outside"] = Unexpected(9),
            ["label_outside"] = Unexpected(10),
            ["country_outside"] = Unexpected(11),
            ["email_banned"] = Unexpected(12),
            ["id_duplicated_rows"] = Unexpected(14),
            ["id_created_duplicated_rows"] = Unexpected(15),
            ["email_regex_mismatch"] = Unexpected(16),
            ["email_length_outside"] = Unexpected(17),
            ["score_mean"] = Observed(18),
            ["amount_mean"] = Observed(19),
            ["amount_max"] = Observed(20),
            ["total_below_unit_price"] = Unexpected(21),
            ["currency_distinct_outside"] = r[22].Result?.ObservedValue is { ValueKind: JsonValueKind.Array } set
                ? set.EnumerateArray().Count(v => v.GetString() is not ("USD" or "EUR" or "GBP"))
                : double.NaN,
        };
    }

    /// <summary>Throws when the two engines disagree on any figure (means to 1e-9 relative).</summary>
    public static void Verify(Dictionary<string, double> duckDb, Dictionary<string, double> expectations)
    {
        var problems = Figures.Where(f => !Close(duckDb[f], expectations[f]))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f}: DuckDB {duckDb[f]}, Expectations {expectations[f]}"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("DuckDB and Expectations disagree: " + string.Join("; ", problems));
        }
    }

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
}
