using Microsoft.Extensions.Logging;

namespace Expectations.Tests.Reporting;

public class ReportLoggingTests
{
    private static readonly InMemoryTable Data = InMemoryTable.Builder("tx")
        .Add("amount", new double?[] { 10, 20, null, 50_000, -1 })
        .Add("label", new string?[] { "positive", "negative", "neutral", "bogus", null })
        .Build();

    [Fact]
    public void A_passing_report_logs_one_information_summary()
    {
        var report = ValidationPlan.Compile(Expect.Suite("ok").RowCount(min: 1).Build()).Validate(Data);
        var logger = new RecordingLogger();

        report.LogTo(logger).Should().BeSameAs(report);

        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Information);
        entry.EventId.Should().Be(ReportLogging.SummaryEvent);
        entry.Message.Should().StartWith("Suite ok passed on tx: 0 of 1 expectations unsuccessful (5 rows");
        entry.Properties["Suite"].Should().Be("ok");
        entry.Properties["RowCount"].Should().Be(5L);
    }

    [Fact]
    public void A_failing_report_logs_an_error_summary_and_each_failure_structured()
    {
        var suite = Expect.Suite("tx")
            .Column<double>("amount", c => c.Between(0, 10_000))
            .Column<string>("label", c => c.InSet("positive", "negative", "neutral").AsWarning())
            .Column<double>("nope", c => c.NotNull())
            .RowCount(min: 1)
            .Build();
        var report = ValidationPlan.Compile(suite).Validate(Data);
        var logger = new RecordingLogger();

        report.LogTo(logger);

        logger.Entries.Select(e => e.Level).Should().Equal(LogLevel.Error, LogLevel.Error, LogLevel.Warning, LogLevel.Error);
        logger.Entries[0].Message.Should().StartWith("Suite tx failed on tx: 3 of 4 expectations unsuccessful");
        var amount = logger.Entries[1];
        amount.EventId.Should().Be(ReportLogging.FailureEvent);
        amount.Properties["ExpectationType"].Should().Be("expect_column_values_to_be_between");
        amount.Properties["Column"].Should().Be("amount");
        amount.Properties["Severity"].Should().Be("error");
        amount.Properties["UnexpectedCount"].Should().Be(2L);
        amount.Message.Should().Contain("50000 (row 3)");
        logger.Entries[2].Properties["Column"].Should().Be("label");
        logger.Entries[3].EventId.Should().Be(ReportLogging.ErrorEvent);
        logger.Entries[3].Message.Should().Contain("nope");
    }

    [Fact]
    public void Only_warnings_failing_logs_a_warning_summary_unless_failing_on_warnings()
    {
        var suite = Expect.Suite("tx").Column<string>("label", c => c.InSet("positive").AsWarning()).Build();
        var report = ValidationPlan.Compile(suite).Validate(Data);

        var lenient = new RecordingLogger();
        report.LogTo(lenient);
        var strict = new RecordingLogger();
        report.LogTo(strict, failOn: Severity.Warning);

        lenient.Entries.Select(e => e.Level).Should().Equal(LogLevel.Warning, LogLevel.Warning);
        lenient.Entries[0].Message.Should().Contain(" passed on ");
        strict.Entries.Select(e => e.Level).Should().Equal(LogLevel.Error, LogLevel.Error);
    }

    [Fact]
    public void Disabled_levels_are_not_logged()
    {
        var suite = Expect.Suite("tx").Column<double>("amount", c => c.Between(0, 10_000)).Build();
        var report = ValidationPlan.Compile(suite).Validate(Data);
        var logger = new RecordingLogger { Minimum = LogLevel.Critical };

        report.LogTo(logger);

        logger.Entries.Should().BeEmpty();
    }

    private sealed record Entry(LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Properties);

    /// <summary>A logger that keeps every entry with its structured properties, as a logging provider sees them.</summary>
    private sealed class RecordingLogger : ILogger
    {
        public List<Entry> Entries { get; } = [];

        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            Entries.Add(new Entry(logLevel, eventId, formatter(state, exception), properties));
        }
    }
}
