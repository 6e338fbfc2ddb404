using Expectations.Checks;

namespace Expectations.Catalog;

/// <summary>The one list of built-in expectations: one line each, grouped by family.</summary>
internal static class Registrations
{
    public static IEnumerable<ExpectationCatalog.Entry> All() => [.. Table(), .. ColumnMap(), .. Aggregate(), .. MultiColumn()];

    private static IEnumerable<ExpectationCatalog.Entry> Table() =>
    [
        ExpectationCatalog.Of<TableRowCountToBeBetween>(e => new RowCountBetweenEvaluator(e)),
        ExpectationCatalog.Of<TableRowCountToEqual>(e => new RowCountEqualEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> ColumnMap() =>
    [
        ExpectationCatalog.Of<ColumnValuesToNotBeNull>(e => new NotNullEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeNull>(e => new NullEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeBetween>(e => new BetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeInSet>(e => new InSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotBeInSet>(e => new NotInSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchRegex>(e => new MatchRegexEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotMatchRegex>(e => new NotMatchRegexEvaluator(e)),
        ExpectationCatalog.Of<ColumnValueLengthsToBeBetween>(e => new LengthBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnValueLengthsToEqual>(e => new LengthEqualEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeUnique>(e => new UniqueEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> Aggregate() =>
    [
    ];

    private static IEnumerable<ExpectationCatalog.Entry> MultiColumn() =>
    [
    ];
}
