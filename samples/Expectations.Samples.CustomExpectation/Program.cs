// A user-defined expectation written outside the library: its record (wire name + kwargs), a DSL verb, an in-memory
// evaluator, and a suite that uses it next to built-in expectations, read from and written to GX JSON.
//   dotnet run --project samples/Expectations.Samples.CustomExpectation
using Expectations;
using Expectations.Parquet;
using Expectations.Samples.CustomExpectation;

var catalog = ExpectationCatalog.Default.With<ColumnValuesToBeMultipleOf>();
var evaluators = InMemoryValidation.Evaluators.WithColumnValueCheck<ColumnValuesToBeMultipleOf>(e => (batch, row) => batch switch
{
    PrimitiveBatch<long> longs => longs.Values.Span[row] % e.Divisor == 0,
    PrimitiveBatch<int> ints => ints.Values.Span[row] % e.Divisor == 0,
    _ => throw new InvalidOperationException($"{e.Type} needs an integer column; '{batch.Name}' is {batch.Kind}."),
});

var suite = Expect.Suite("quantities")
    .Column<long>("quantity", c => c.NotNull().MultipleOf(1))
    .Column<long>("quantity", c => c.MultipleOf(2).Mostly(0.4))
    .Build();

// The suite is GX JSON like any other; reading it back needs the catalog that knows the new type.
var json = SuiteJson.Serialize(suite);
var reread = SuiteJson.Parse(json, catalog);

var path = args.Length > 0 ? args[0] : Path.Join("samples", "transactions.parquet");
await using var data = await ParquetDataSource.OpenAsync(path);
var report = await ValidationPlan.Compile(reread).ValidateAsync(InMemoryValidation.Backend(data, evaluators));
Console.WriteLine(TextReport.Render(report));
return report.Success ? 0 : 1;
