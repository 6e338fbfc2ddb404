using System.Globalization;
using System.Text;
using Expectations.Samples.Generator;
using Parquet;
using Parquet.Schema;

// Writes the sample transactions as Parquet (several row groups) and CSV (same rows), deterministically.
// Usage: dotnet run --project samples/Expectations.Samples.Generator -- [--rows N] [--output PATH.parquet] [--no-csv]
// Defaults: 5,000 rows to samples/transactions.parquet and samples/transactions.csv (run from the repository root).
// With --ml FOLDER it writes the ML splits instead (train/validation/test with planted leakage, and labels; see MlSplitGenerator):
//   dotnet run --project samples/Expectations.Samples.Generator -- --ml samples/ml

if (args is ["--ml", var mlFolder])
{
    return await MlSplitGenerator.WriteAsync(mlFolder);
}

long rows = 5_000;
var output = Path.Combine("samples", "transactions.parquet");
var writeCsv = true;
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--rows" when a + 1 < args.Length && long.TryParse(args[a + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= 100:
            rows = n;
            a++;
            break;
        case "--output" when a + 1 < args.Length:
            output = args[++a];
            break;
        case "--no-csv":
            writeCsv = false;
            break;
        default:
            Console.Error.WriteLine($"generator: error: unexpected argument '{args[a]}'. Usage: [--rows N (at least 100)] [--output PATH.parquet] [--no-csv]");
            return 2;
    }
}

var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
Directory.CreateDirectory(folder);

// Small files still get several row groups, so the sample exercises chunked reading; big ones get ~1M-row groups.
var rowGroupSize = (int)Math.Clamp(rows / 4, 2_000, 1_000_000);

var fields = new
{
    Id = new DataField<long>("transaction_id"),
    Email = new DataField<string>("customer_email"),
    Country = new DataField<string>("country", nullable: false),
    Amount = new DataField<double?>("amount"),
    Currency = new DataField<string>("currency", nullable: false),
    Label = new DataField<string>("label", nullable: false),
    Score = new DataField<double>("score"),
    CreatedAt = new DateTimeDataField("created_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
    Quantity = new DataField<int>("quantity"),
    UnitPrice = new DataField<double>("unit_price"),
    Total = new DataField<double>("total"),
};
var schema = new ParquetSchema(fields.Id, fields.Email, fields.Country, fields.Amount, fields.Currency, fields.Label, fields.Score,
    fields.CreatedAt, fields.Quantity, fields.UnitPrice, fields.Total);
var options = new ParquetOptions();
foreach (var lowCardinality in new[] { "country", "currency", "label" })
{
    options.ColumnEncodingHints[lowCardinality] = EncodingHint.Dictionary;
}

var csvPath = Path.ChangeExtension(output, ".csv");
var generator = new TransactionGenerator(rows);
var block = new TransactionBlock(rowGroupSize);

await using (var parquetStream = File.Create(output))
await using (var parquet = await ParquetWriter.CreateAsync(schema, parquetStream, options))
await using (var csv = writeCsv ? new StreamWriter(csvPath, false, new UTF8Encoding(false)) { NewLine = "\n" } : null)
{
    csv?.WriteLine(string.Join(',', schema.GetDataFields().Select(f => f.Name)));
    for (long start = 0; start < rows; start += rowGroupSize)
    {
        var count = (int)Math.Min(rowGroupSize, rows - start);
        generator.Fill(block, start, count);
        using (var rg = parquet.CreateRowGroup())
        {
            await rg.WriteAsync<long>(fields.Id, block.TransactionId.AsMemory(0, count));
            await rg.WriteAsync(fields.Email, block.CustomerEmail[..count]);
            await rg.WriteAsync(fields.Country, block.Country[..count]);
            await rg.WriteAsync<double>(fields.Amount, block.Amount.AsMemory(0, count));
            await rg.WriteAsync(fields.Currency, block.Currency[..count]);
            await rg.WriteAsync(fields.Label, block.Label[..count]);
            await rg.WriteAsync<double>(fields.Score, block.Score.AsMemory(0, count));
            await rg.WriteAsync<DateTime>(fields.CreatedAt, block.CreatedAt.AsMemory(0, count));
            await rg.WriteAsync<int>(fields.Quantity, block.Quantity.AsMemory(0, count));
            await rg.WriteAsync<double>(fields.UnitPrice, block.UnitPrice.AsMemory(0, count));
            await rg.WriteAsync<double>(fields.Total, block.Total.AsMemory(0, count));
        }

        if (csv is not null)
        {
            await WriteCsvAsync(csv, block);
        }
    }
}

Console.WriteLine($"Wrote {rows:N0} rows in {(rows + rowGroupSize - 1) / rowGroupSize} row groups to {output}{(writeCsv ? " and " + csvPath : "")} (seed {TransactionGenerator.Seed}).");
return 0;

static async Task WriteCsvAsync(StreamWriter csv, TransactionBlock b)
{
    var line = new StringBuilder(256);
    for (var i = 0; i < b.Count; i++)
    {
        line.Clear();
        var inv = CultureInfo.InvariantCulture;
        line.Append(b.TransactionId[i].ToString(inv)).Append(',')
            .Append(Quote(b.CustomerEmail[i])).Append(',')
            .Append(Quote(b.Country[i])).Append(',')
            .Append(b.Amount[i]?.ToString("R", inv)).Append(',')
            .Append(Quote(b.Currency[i])).Append(',')
            .Append(Quote(b.Label[i])).Append(',')
            .Append(b.Score[i].ToString("R", inv)).Append(',')
            .Append(b.CreatedAt[i].ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv)).Append(',')
            .Append(b.Quantity[i].ToString(inv)).Append(',')
            .Append(b.UnitPrice[i].ToString("R", inv)).Append(',')
            .Append(b.Total[i].ToString("R", inv));
        await csv.WriteLineAsync(line);
    }
}

// RFC 4180: quote only fields that need it; a null is an empty field.
static string Quote(string? value) => value is null ? ""
    : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
