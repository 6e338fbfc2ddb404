using Parquet;
using Parquet.Schema;
var root = args[0];
var start = new DateTime(2024, 5, 6);
var rng = new Random(7);
long id = 1;
for (var w = 0; w < 8; w++)
{
    var week = start.AddDays(7 * w);
    var last = w == 7;
    var n = last ? 60 : 200 + rng.Next(-15, 16);
    var ids = new long[n]; var amounts = new double[n]; var countries = new string[n];
    string[] cs = ["DE", "FR", "NL", "PL"];
    for (var i = 0; i < n; i++)
    {
        ids[i] = id++;
        // The last week: a currency bug upstream, amounts around 80 instead of 50.
        amounts[i] = Math.Round((last ? 80 : 50) + 10 * (rng.NextDouble() - 0.5) * 2, 2);
        countries[i] = cs[rng.Next(cs.Length)];
    }
    var schema = new ParquetSchema(new DataField<long>("order_id"), new DataField<double>("amount"), new DataField<string>("country"));
    var folder = Path.Combine(root, $"week={week:yyyy-MM-dd}");
    Directory.CreateDirectory(folder);
    await using var file = File.Create(Path.Combine(folder, "part-0.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(schema, file);
    using var g = writer.CreateRowGroup();
    await g.WriteAsync<long>(schema.DataFields[0], ids.AsMemory());
    await g.WriteAsync<double>(schema.DataFields[1], amounts.AsMemory());
    await g.WriteAsync(schema.DataFields[2], countries);
}
