using BenchmarkDotNet.Attributes;

namespace Expectations.Benchmarks;

/// <summary>Per-call overhead: one validation of 1,440 rows (a day of minutes) against 10 expectations.</summary>
[MemoryDiagnoser]
public class SmallFrameBenchmarks
{
    private ValidationPlan _plan = null!;
    private InMemoryTable _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int rows = 1_440;
        var random = new Random(7);
        var temperature = new double?[rows];
        var humidity = new double?[rows];
        var sensor = new string?[rows];
        var minute = new long?[rows];
        for (var i = 0; i < rows; i++)
        {
            temperature[i] = random.Next(50) == 0 ? null : 15 + (random.NextDouble() * 10);
            humidity[i] = random.NextDouble();
            sensor[i] = random.Next(3) switch { 0 => "north", 1 => "south", _ => "east" };
            minute[i] = i;
        }

        _table = InMemoryTable.Builder("sensor day")
            .Add("temperature", temperature).Add("humidity", humidity).Add("sensor", sensor).Add("minute", minute).Build();
        var suite = Expect.Suite("sensors")
            .Column("temperature", c => c.NotNull().Mostly(0.95).Between(-40, 60))
            .Column("humidity", c => c.NotNull().Between(0, 1))
            .Column("sensor", c => c.NotNull().InSet("north", "south", "east", "west"))
            .Column("minute", c => c.NotNull().Between(0, 1_439))
            .RowCount(min: 1_440, max: 1_440)
            .Build();
        _plan = ValidationPlan.Compile(suite);
    }

    [Benchmark(Description = "validate 1,440 rows x 10 expectations")]
    public ValidationReport Validate() => _plan.Validate(_table);
}
