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
        ExpectationCatalog.Of<ColumnToExist>(e => new ColumnToExistEvaluator(e)),
        ExpectationCatalog.Of<TableColumnsToMatchOrderedList>(e => new ColumnsMatchOrderedListEvaluator(e)),
        ExpectationCatalog.Of<TableColumnsToMatchSet>(e => new ColumnsMatchSetEvaluator(e)),
        ExpectationCatalog.Of<TableColumnCountToBeBetween>(e => new ColumnCountBetweenEvaluator(e)),
        ExpectationCatalog.Of<TableColumnCountToEqual>(e => new ColumnCountEqualEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> ColumnMap() =>
    [
        ExpectationCatalog.Of<ColumnValuesToNotBeNull>(e => new NotNullEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeNull>(e => new NullEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeBetween>(e => new BetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeInSet>(e => new InSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotBeInSet>(e => new NotInSetEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> Aggregate() =>
    [
    ];

    private static IEnumerable<ExpectationCatalog.Entry> MultiColumn() =>
    [
        ExpectationCatalog.Of<ColumnPairValuesAToBeGreaterThanB>(e => new PairGreaterThanEvaluator(e)),
        ExpectationCatalog.Of<CompoundColumnsToBeUnique>(e => new CompoundUniqueEvaluator(e)),
    ];
}
