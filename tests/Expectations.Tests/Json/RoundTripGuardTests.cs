using Expectations.Json;
using System.Reflection;

namespace Expectations.Tests.Json;

/// <summary>Guards every registered expectation type: it must survive suite JSON write + read unchanged.</summary>
public class RoundTripGuardTests
{
    public static TheoryData<string> TypeNames() => [.. ExpectationCatalog.Default.TypeNames];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Every_expectation_type_round_trips_through_suite_json(string typeName)
    {
        ExpectationCatalog.Default.TryGetModelType(typeName, out var type).Should().BeTrue();
        var expectation = SampleOf(type!) with { Severity = Severity.Warning, Id = "id-1", ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };
        expectation.ThrowIfInvalid();
        var suite = new ExpectationSuite("guard", [expectation]);

        var back = SuiteJson.Parse(SuiteJson.Serialize(suite));

        back.Expectations.Single().Should().Be(expectation, because: SuiteJson.Serialize(suite));
        back.Expectations.Single().Type.Should().Be(typeName);
    }

    /// <summary>An instance with every kwarg set to a plausible non-default value, so each one is exercised.</summary>
    private static Expectation SampleOf(Type type)
    {
        var instance = (Expectation)Activator.CreateInstance(type)!;
        foreach (var p in KwargBinder.PropertiesOf(type).Where(p => p.Property.Name != nameof(Expectation.ResultFormat)))
        {
            var t = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
            object? value =
                p.Property.Name == nameof(UnexpectedRowsExpectation.UnexpectedRowsQuery) ? "SELECT * FROM {batch} WHERE a > 1 OR b = 'x'"
                : t == typeof(string) ? "col_" + p.Property.Name.ToLowerInvariant()
                : t == typeof(bool) ? true
                : t == typeof(double) ? 0.5
                : t == typeof(int) ? 1
                : t == typeof(long) ? 1L
                : t == typeof(Scalar) ? Scalar.From(1L)
                : t == typeof(ValueList<Scalar>) ? ValueList.Create<Scalar>([1L, "b"])
                : t == typeof(ValueList<string>) ? ValueList.Create(["a", "b"])
                // JSON kwargs have per-type shapes (partitions, bins, schemas): only a required one gets a sample, an empty-ish object.
                : t == typeof(System.Text.Json.JsonElement) && p.Required ? System.Text.Json.JsonDocument.Parse("""{"type": "object"}""").RootElement.Clone()
                : t.IsEnum ? Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)
                : null;
            if (value is not null)
            {
                p.Set(instance, value);
            }
        }

        // The anomaly strategies' parameters exclude each other: one full, valid set of one strategy instead.
        var detection = new AnomalyDetection
        {
            Strategy = AnomalyStrategy.RelativeChange, MaxRateDecrease = 0.5, MaxRateIncrease = 2, Order = 2, HistoryWindow = 10, CompareTo = AnomalyComparison.SameWeekday,
        };
        instance = instance switch
        {
            // Kwargs that take a syntax of their own, or exclude each other, get a valid sample.
            TableTimeRangeToPrecedeOtherTable time => time with { Gap = "P1DT12H" },
            ColumnValuesToNotBeInOtherTable keys => keys with { Column = null },
            AgreementExpectation agreement => agreement with { Categories = ValueList.Create<Scalar>([1L, "b"]), Bounds = new(Scalar.From(0.2), Scalar.From(0.9)) },
            ColumnProportionOfNonNullValuesToBeBetween share => share with { Bounds = new(Scalar.From(0.1), Scalar.From(0.2)) },
            ColumnMaxToBeRecent recent => recent with { MaxAge = "P1D", AsOf = Scalar.From("2024-06-01T00:00:00Z") },
            NearDuplicateExpectation near => near with { NumPerm = 64, Normalize = ValueList.Create(["case", "punctuation"]) },
            TableRowCountToNotBeAnomalous t => t with { Detection = detection },
            ColumnMetricToNotBeAnomalous c => c with { Detection = detection, Metric = "null_fraction" },
            _ => instance,
        };
        return instance with { RowCondition = "col(\"a\") > 1 & b == 'x'", ConditionParser = "great_expectations" };
    }
}
