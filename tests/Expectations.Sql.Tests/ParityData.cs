using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expectations.Sql.Tests;

/// <summary>The data and the broad suite that the parity tests run in memory and in each engine.</summary>
internal static class ParityData
{
    public const int Rows = 48;

    /// <summary>
    /// Integers, floats (dyadic, so sums are exact in any order), strings (unicode, empty), booleans and timestamps,
    /// with nulls in every column but <c>id</c>, duplicates in <c>dup</c>.
    /// </summary>
    public static InMemoryTable Table()
    {
        var ids = new long?[Rows];
        var qty = new long?[Rows];
        var amount = new double?[Rows];
        var name = new string?[Rows];
        var code = new string?[Rows];
        var category = new string?[Rows];
        var flag = new bool?[Rows];
        var ts = new DateTime?[Rows];
        var dup = new long?[Rows];
        string[] names = ["alice", "Bob", "çağla", "", "日本語", "o'neil", "semi;colon", "a%b_c", "ZED", "eve"];
        string[] categories = ["a", "b", "c", "d"];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = i;
            qty[i] = i % 7 == 3 ? null : (i * 37 % 50) - 10;
            amount[i] = i % 9 == 4 ? null : ((i * 13) % 40 * 0.25) - 2.5;
            name[i] = i % 11 == 5 ? null : names[i % names.Length];
            code[i] = i % 8 == 7 ? null : i % 5 == 0 ? $"X-{i}" : string.Create(CultureInfo.InvariantCulture, $"AB-{i:000}");
            category[i] = i % 13 == 12 ? null : categories[i % 4];
            flag[i] = i % 6 == 5 ? null : i % 3 == 0;
            ts[i] = i % 10 == 9 ? null : new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddHours(i * 17).AddSeconds(i);
            dup[i] = i % 12 == 11 ? null : i % 17;
        }

        return InMemoryTable.Builder("parity")
            .Add("id", ids).Add("qty", qty).Add("amount", amount).Add("name", name).Add("code", code)
            .Add("category", category).Add("flag", flag).Add("ts", ts).Add("dup", dup)
            .Build();
    }

    /// <summary>Each line: type, kwargs (JSON object body).</summary>
    private static readonly (string Type, string Kwargs)[] Lines =
    [
        ("expect_table_row_count_to_be_between", """ "min_value": 10, "max_value": 100 """),
        ("expect_table_row_count_to_be_between", """ "max_value": 20 """),
        ("expect_table_row_count_to_equal", """ "value": 48 """),
        ("expect_column_median_to_be_between", """ "column": "qty", "min_value": 0, "max_value": 20 """),
        ("expect_column_median_to_be_between", """ "column": "id", "min_value": 23.5, "max_value": 23.5 """),
        ("expect_column_to_exist", """ "column": "qty" """),
        ("expect_column_to_exist", """ "column": "quantity" """),
        ("expect_column_to_exist", """ "column": "qty", "column_index": 1 """),
        ("expect_table_columns_to_match_ordered_list", """ "column_list": ["id", "qty", "amount", "name", "code", "category", "flag", "ts", "dup"] """),
        ("expect_table_columns_to_match_ordered_list", """ "column_list": ["id", "amount", "qty"] """),
        ("expect_table_columns_to_match_set", """ "column_set": ["id", "qty", "nope"], "exact_match": false """),
        ("expect_table_columns_to_match_set", """ "column_set": ["dup", "ts", "flag", "category", "code", "name", "amount", "qty", "id"] """),
        ("expect_table_column_count_to_be_between", """ "min_value": 10 """),
        ("expect_table_column_count_to_equal", """ "value": 9 """),
        ("expect_table_row_count_to_equal", """ "value": 12, "row_condition": "category == \"a\"", "condition_parser": "pandas" """),
        ("expect_column_values_to_not_be_null", """ "column": "id" """),
        ("expect_column_values_to_not_be_null", """ "column": "qty" """),
        ("expect_column_values_to_not_be_null", """ "column": "name", "mostly": 0.9 """),
        ("expect_column_values_to_not_be_null", """ "column": "ts", "row_condition": "qty > 5", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_null", """ "column": "amount" """),
        ("expect_column_values_to_be_null", """ "column": "flag", "row_condition": "id >= 40", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_between", """ "column": "qty", "min_value": 0, "max_value": 30 """),
        ("expect_column_values_to_be_between", """ "column": "qty", "min_value": -10, "max_value": 39, "mostly": 0.95 """),
        ("expect_column_values_to_be_between", """ "column": "qty", "min_value": 0, "strict_min": true """),
        ("expect_column_values_to_be_between", """ "column": "amount", "min_value": -1.5, "max_value": 5.25 """),
        ("expect_column_values_to_be_between", """ "column": "amount", "max_value": 0, "strict_max": true, "mostly": 0.2 """),
        ("expect_column_values_to_be_between", """ "column": "amount", "min_value": 0.5, "row_condition": "category != \"b\"", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_between", """ "column": "name", "min_value": "b", "max_value": "z" """),
        ("expect_column_values_to_be_between", """ "column": "ts", "min_value": "2024-01-05", "max_value": "2024-01-30T12:00:00" """),
        ("expect_column_values_to_be_between", """ "column": "id", "min_value": 2.5, "max_value": 40.5 """),
        ("expect_column_values_to_be_in_set", """ "column": "category", "value_set": ["a", "b", "c"] """),
        ("expect_column_values_to_be_in_set", """ "column": "category", "value_set": ["a", "b", "c", "d"] """),
        ("expect_column_values_to_be_in_set", """ "column": "qty", "value_set": [1, 2, 3, 27, -10, 35] """),
        ("expect_column_values_to_be_in_set", """ "column": "name", "value_set": ["alice", "Bob", "日本語"], "mostly": 0.3 """),
        ("expect_column_values_to_be_in_set", """ "column": "flag", "value_set": [true] """),
        ("expect_column_values_to_be_in_set", """ "column": "dup", "value_set": [0, 1, 2, 3, 4, 5], "row_condition": "flag == True", "condition_parser": "pandas" """),
        ("expect_column_values_to_not_be_in_set", """ "column": "category", "value_set": ["d"] """),
        ("expect_column_values_to_not_be_in_set", """ "column": "qty", "value_set": [27, 35, 0] """),
        ("expect_column_values_to_not_be_in_set", """ "column": "name", "value_set": ["nobody"] """),
        ("expect_column_values_to_match_like_pattern", """ "column": "code", "like_pattern": "AB-%" """),
        ("expect_column_values_to_match_like_pattern", """ "column": "code", "like_pattern": "ab-%" """),
        ("expect_column_values_to_match_like_pattern", """ "column": "code", "like_pattern": "_-__", "mostly": 0.1 """),
        ("expect_column_values_to_not_match_like_pattern", """ "column": "name", "like_pattern": "%e%" """),
        ("expect_column_values_to_not_match_like_pattern", """ "column": "code", "like_pattern": "X%", "row_condition": "id < 30", "condition_parser": "pandas" """),
        ("expect_column_value_lengths_to_be_between", """ "column": "name", "min_value": 1, "max_value": 5 """),
        ("expect_column_value_lengths_to_be_between", """ "column": "code", "min_value": 4 """),
        ("expect_column_value_lengths_to_be_between", """ "column": "name", "max_value": 3, "strict_max": true, "mostly": 0.5 """),
        ("expect_column_value_lengths_to_equal", """ "column": "code", "value": 6 """),
        ("expect_column_value_lengths_to_equal", """ "column": "name", "value": 3, "row_condition": "category == \"c\"", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_unique", """ "column": "id" """),
        ("expect_column_values_to_be_unique", """ "column": "dup" """),
        ("expect_column_values_to_be_unique", """ "column": "dup", "row_condition": "id < 17", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_unique", """ "column": "name", "mostly": 0.1 """),
        ("expect_column_values_to_be_unique", """ "column": "category" """),
        ("expect_column_min_to_be_between", """ "column": "qty", "min_value": -10, "max_value": 0 """),
        ("expect_column_min_to_be_between", """ "column": "amount", "min_value": 0 """),
        ("expect_column_min_to_be_between", """ "column": "name", "min_value": "" """),
        ("expect_column_min_to_be_between", """ "column": "ts", "min_value": "2023-12-31" """),
        ("expect_column_max_to_be_between", """ "column": "qty", "max_value": 39 """),
        ("expect_column_max_to_be_between", """ "column": "amount", "min_value": 7, "max_value": 7.25 """),
        ("expect_column_max_to_be_between", """ "column": "code", "max_value": "Z" """),
        ("expect_column_max_to_be_between", """ "column": "ts", "max_value": "2024-02-01" """),
        ("expect_column_max_to_be_between", """ "column": "qty", "max_value": 20, "row_condition": "category == \"b\"", "condition_parser": "pandas" """),
        ("expect_column_sum_to_be_between", """ "column": "qty", "min_value": 0, "max_value": 1000 """),
        ("expect_column_sum_to_be_between", """ "column": "amount", "min_value": 0 """),
        ("expect_column_sum_to_be_between", """ "column": "dup", "max_value": 100, "row_condition": "flag != True", "condition_parser": "pandas" """),
        ("expect_column_mean_to_be_between", """ "column": "qty", "min_value": 10, "max_value": 20 """),
        ("expect_column_mean_to_be_between", """ "column": "amount", "min_value": 1, "max_value": 3 """),
        ("expect_column_mean_to_be_between", """ "column": "id", "min_value": 23.5, "max_value": 23.5 """),
        ("expect_column_mean_to_be_between", """ "column": "amount", "max_value": 100, "row_condition": "qty < 0", "condition_parser": "pandas" """),
        ("expect_column_unique_value_count_to_be_between", """ "column": "category", "min_value": 4, "max_value": 4 """),
        ("expect_column_unique_value_count_to_be_between", """ "column": "dup", "min_value": 1, "max_value": 10 """),
        ("expect_column_unique_value_count_to_be_between", """ "column": "name", "max_value": 10, "row_condition": "id > 20", "condition_parser": "pandas" """),
        ("expect_column_proportion_of_unique_values_to_be_between", """ "column": "id", "min_value": 1 """),
        ("expect_column_proportion_of_unique_values_to_be_between", """ "column": "dup", "min_value": 0.1, "max_value": 0.5 """),
        ("expect_column_proportion_of_unique_values_to_be_between", """ "column": "ts", "min_value": 0.5 """),
        ("expect_column_values_to_not_be_null", """ "column": "qty", "row_condition": "(qty > 0 & category == \"a\") | ~(flag == True)", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_between", """ "column": "qty", "min_value": 0, "row_condition": "ts >= \"2024-01-10\" and not name == \"eve\"", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_in_set", """ "column": "category", "value_set": ["a"], "row_condition": "name == None", "condition_parser": "pandas" """),
        ("expect_column_values_to_be_in_set", """ "column": "category", "value_set": ["a"], "row_condition": "name != None", "condition_parser": "pandas" """),
        ("expect_column_values_to_not_be_null", """ "column": "missing_column" """),
        ("expect_column_min_to_be_between", """ "column": "qty", "min_value": "abc" """),
        ("expect_column_stdev_to_be_between", """ "column": "id", "min_value": 10, "max_value": 20 """),
        ("expect_column_stdev_to_be_between", """ "column": "amount", "min_value": 1 """),
        ("expect_column_stdev_to_be_between", """ "column": "qty", "max_value": 100, "row_condition": "category == \"a\"", "condition_parser": "pandas" """),
    ];

    /// <summary>Expectations that need regular expressions or text parsed as numbers in a row_condition (SQLite has neither).</summary>
    private static readonly (string Type, string Kwargs)[] Statistical =
    [
        ("expect_column_values_to_match_regex", """ "column": "code", "regex": "^AB-\\d{3}$" """),
        ("expect_column_values_to_match_regex", """ "column": "name", "regex": "[a-z]", "mostly": 0.5 """),
        ("expect_column_values_to_not_match_regex", """ "column": "code", "regex": "^X" """),
        ("expect_column_values_to_not_match_regex", """ "column": "name", "regex": "e", "row_condition": "id < 25", "condition_parser": "pandas" """),
        ("expect_column_values_to_not_be_null", """ "column": "id", "row_condition": "code == 5", "condition_parser": "pandas" """),
    ];

    public static ExpectationSuite Suite(bool statistical) => SuiteJson.Parse(Json(statistical ? [.. Lines, .. Statistical] : Lines));

    public static ExpectationSuite StatisticalSuite() => SuiteJson.Parse(Json(Statistical));

    public static int Count(bool statistical) => Lines.Length + (statistical ? Statistical.Length : 0);

    private static string Json(IEnumerable<(string Type, string Kwargs)> lines)
    {
        var b = new StringBuilder("""{"name": "parity", "expectations": [""");
        b.AppendJoin(",\n", lines.Select(l => "{\"type\": \"" + l.Type + "\", \"kwargs\": {" + l.Kwargs + "}}"));
        return b.Append("]}").ToString();
    }

    /// <summary>The result formats every parity test runs under.</summary>
    public static readonly string[] Formats = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE", "COMPLETE+keys", "SUMMARY+rows", "SUMMARY+3", "COMPLETE+novalues"];

    public static ResultFormat Format(string name) => name switch
    {
        "COMPLETE+keys" => ResultFormat.Of(ResultFormatLevel.Complete) with { UnexpectedIndexColumnNames = ValueList.From(new[] { "id", "category" }) },
        "SUMMARY+rows" => ResultFormat.Of(ResultFormatLevel.Summary) with { IncludeUnexpectedRows = true },
        "SUMMARY+3" => ResultFormat.Of(ResultFormatLevel.Summary) with { PartialUnexpectedCount = 3 },
        "COMPLETE+novalues" => ResultFormat.Of(ResultFormatLevel.Complete) with { ExcludeUnexpectedValues = true, UnexpectedIndexColumnNames = ValueList.From(new[] { "id" }) },
        _ => ResultFormat.TryParseLevel(name, out var level) ? ResultFormat.Of(level) : throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>
    /// The report as JSON without what legitimately differs between runs and backends (run time, duration, data
    /// source). One number is rounded: the standard deviation to 13 significant digits, because the engines sum the
    /// squared deviations in another order than the in-memory engine's streaming (Welford) algorithm, which changes the
    /// last binary digit (2.871811390821449 vs 2.8718113908214495 here); docs/sql.md says so.
    /// </summary>
    public static string Comparable(ValidationReport report)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(ReportJson.Serialize(report))!;
        foreach (var result in node["results"]!.AsArray())
        {
            if (result!["expectation_config"]!["type"]!.GetValue<string>() == "expect_column_stdev_to_be_between"
                && result["result"]?["observed_value"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<double>(out var stdev))
            {
                result["result"]!["observed_value"] = double.Parse(stdev.ToString("G13", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
        }

        var json = JsonDocument.Parse(node.ToJsonString());
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var p in json.RootElement.EnumerateObject())
            {
                if (p.Name == "meta")
                {
                    w.WritePropertyName("meta");
                    w.WriteStartObject();
                    foreach (var m in p.Value.EnumerateObject().Where(m => m.Name is not ("run_time" or "duration" or "duration_seconds" or "data_source" or "validation_time" or "run_id")))
                    {
                        m.WriteTo(w);
                    }

                    w.WriteEndObject();
                }
                else
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
