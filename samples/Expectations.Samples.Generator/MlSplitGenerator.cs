using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Expectations.Samples.Generator;

/// <summary>
/// Writes samples/ml: a review-classification dataset split into train (300 rows), validation (100) and test (100)
/// with planted leakage, and a double-annotated label file. Deterministic (seed 15). What is planted, exactly:
/// <list type="bullet">
/// <item>time: train ends 2024-03-31, validation runs 2024-04-08 … 04-30, test 2024-05-08 … 05-31 (gaps of 8 days), except
/// train rows 40 and 41 dated 2024-05-15 and 2024-05-20 (inside test) and validation row 10 dated 2024-05-12;</item>
/// <item>users: train users 1–150, validation 1001–1050, test 2001–2050, except validation rows 5 and 6 (the users of train
/// rows 7 and 8) and test rows 3, 4, 5, 6 (the users of train rows 8, 8, 9, 10);</item>
/// <item>texts: test rows 20–23 and validation row 30 are copies of train rows 100–104 with one word changed or with case and
/// punctuation changed; train rows 200 and 201 are near-copies of train row 199, and train row 250 an exact copy of row 249;</item>
/// <item>labels.parquet: 200 items, each labelled by annotator_a; 30 of them (items 0, 7, 14, …) also by annotator_b, who agrees on 22.</item>
/// </list>
/// </summary>
internal static class MlSplitGenerator
{
    public const int Seed = 15;

    private static readonly string[] Vocabulary =
    [
        "battery", "screen", "delivery", "price", "quality", "support", "camera", "sound", "fabric", "size", "colour", "box",
        "manual", "charger", "strap", "lens", "speaker", "button", "handle", "lid", "great", "poor", "fast", "slow", "cheap",
        "sturdy", "flimsy", "bright", "dull", "loud", "quiet", "soft", "rough", "heavy", "light", "works", "broke", "arrived",
        "returned", "recommend", "love", "hate", "expected", "better", "worse", "than", "after", "before", "week", "month",
        "day", "again", "never", "always", "really", "quite", "very", "not", "would", "buy", "use", "daily", "gift", "kids",
        "travel", "office", "kitchen", "garden", "car", "phone", "laptop", "desk", "chair", "lamp", "bottle", "bag", "shoes",
        "jacket", "watch", "headphones", "keyboard", "mouse", "cable", "case", "stand", "mount", "filter", "blade", "brush",
    ];

    private static readonly string[] Labels = ["positive", "negative", "neutral"];

    private sealed record Row(long UserId, DateTime Ts, string Body, string Label);

    public static async Task<int> WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(Seed);
        var train = Split(random, 300, 1, 150, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 31, 23, 0, 0, DateTimeKind.Utc));
        var validation = Split(random, 100, 1001, 1050, new DateTime(2024, 4, 8, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 30, 23, 0, 0, DateTimeKind.Utc));
        var test = Split(random, 100, 2001, 2050, new DateTime(2024, 5, 8, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 5, 31, 23, 0, 0, DateTimeKind.Utc));

        // Time leakage.
        train[40] = train[40] with { Ts = new DateTime(2024, 5, 15, 9, 0, 0, DateTimeKind.Utc) };
        train[41] = train[41] with { Ts = new DateTime(2024, 5, 20, 9, 0, 0, DateTimeKind.Utc) };
        validation[10] = validation[10] with { Ts = new DateTime(2024, 5, 12, 9, 0, 0, DateTimeKind.Utc) };

        // Entity leakage.
        validation[5] = validation[5] with { UserId = train[7].UserId };
        validation[6] = validation[6] with { UserId = train[8].UserId };
        test[3] = test[3] with { UserId = train[8].UserId };
        test[4] = test[4] with { UserId = train[8].UserId };
        test[5] = test[5] with { UserId = train[9].UserId };
        test[6] = test[6] with { UserId = train[10].UserId };

        // Near-duplicate texts across splits and within train.
        test[20] = test[20] with { Body = ChangeOneWord(train[100].Body, random) };
        test[21] = test[21] with { Body = train[101].Body.ToUpperInvariant().Replace(".", "!!!", StringComparison.Ordinal) };
        test[22] = test[22] with { Body = ChangeOneWord(train[102].Body, random) };
        test[23] = test[23] with { Body = train[103].Body };
        validation[30] = validation[30] with { Body = ChangeOneWord(train[104].Body, random) };
        train[200] = train[200] with { Body = ChangeOneWord(train[199].Body, random) };
        train[201] = train[201] with { Body = "  " + train[199].Body.Replace(" ", "   ", StringComparison.Ordinal) };
        train[250] = train[250] with { Body = train[249].Body };

        await WriteSplitAsync(Path.Combine(folder, "train.parquet"), train);
        await WriteSplitAsync(Path.Combine(folder, "validation.parquet"), validation);
        await WriteSplitAsync(Path.Combine(folder, "test.parquet"), test);
        await WriteLabelsAsync(Path.Combine(folder, "labels.parquet"), random);
        Console.WriteLine($"Wrote train (300 rows), validation (100), test (100) and labels (200 items) to {folder} (seed {Seed}).");
        return 0;
    }

    private static List<Row> Split(Random random, int rows, int firstUser, int lastUser, DateTime from, DateTime to)
    {
        var span = (to - from).Ticks;
        return [.. Enumerable.Range(0, rows)
            .Select(_ => from.AddTicks((long)(random.NextDouble() * span) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond))
            .Order()
            .Select(ts => new Row(random.Next(firstUser, lastUser + 1), ts, Text(random), Labels[random.Next(Labels.Length)]))];
    }

    private static string Text(Random random)
    {
        var words = Enumerable.Range(0, random.Next(14, 26)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]);
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    /// <summary>The text with one word (not the first) replaced by another word of the vocabulary.</summary>
    private static string ChangeOneWord(string text, Random random)
    {
        var words = text.TrimEnd('.').Split(' ');
        var at = random.Next(1, words.Length);
        var replacement = Vocabulary[random.Next(Vocabulary.Length)];
        while (replacement == words[at])
        {
            replacement = Vocabulary[random.Next(Vocabulary.Length)];
        }

        words[at] = replacement;
        return string.Join(' ', words) + ".";
    }

    private static async Task WriteSplitAsync(string path, List<Row> rows)
    {
        var user = new DataField<long>("user_id");
        var ts = new DateTimeDataField("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
        var body = new DataField<string>("body");
        var label = new DataField<string>("label");
        var schema = new ParquetSchema(user, ts, body, label);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var rg = writer.CreateRowGroup();
        await rg.WriteAsync<long>(user, rows.Select(r => r.UserId).ToArray());
        await rg.WriteAsync<DateTime>(ts, rows.Select(r => r.Ts).ToArray());
        await rg.WriteAsync(body, rows.Select(r => (string?)r.Body).ToArray());
        await rg.WriteAsync(label, rows.Select(r => (string?)r.Label).ToArray());
    }

    private static async Task WriteLabelsAsync(string path, Random random)
    {
        var item = new DataField<long>("item_id");
        var a = new DataField<string>("annotator_a");
        var b = new DataField<string>("annotator_b");
        var schema = new ParquetSchema(item, a, b);
        var ids = new long[200];
        var first = new string?[200];
        var second = new string?[200];
        var agreeing = 0;
        for (var i = 0; i < 200; i++)
        {
            ids[i] = i;
            first[i] = Labels[random.Next(Labels.Length)];
            if (i % 7 == 0 && i / 7 < 30)
            {
                // 22 of the 30 double-annotated items agree; the others get the next label.
                second[i] = agreeing++ < 22 ? first[i] : Labels[(Array.IndexOf(Labels, first[i]) + 1) % Labels.Length];
            }
        }

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var rg = writer.CreateRowGroup();
        await rg.WriteAsync<long>(item, ids);
        await rg.WriteAsync(a, first);
        await rg.WriteAsync(b, second);
    }
}
