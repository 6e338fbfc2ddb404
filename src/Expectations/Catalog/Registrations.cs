using Expectations.Engine.Checks;

namespace Expectations.Catalog;

/// <summary>The one list of built-in expectations: one line each, grouped by family.</summary>
internal static class Registrations
{
    public static IEnumerable<ExpectationCatalog.Entry> All() => [.. Table(), .. ColumnMap(), .. Aggregate(), .. MultiColumn(), .. Drift()];

    private static IEnumerable<ExpectationCatalog.Entry> Table() =>
    [
        ExpectationCatalog.Of<TableRowCountToBeBetween>(e => new RowCountBetweenEvaluator(e)),
        ExpectationCatalog.Of<TableRowCountToEqual>(e => new RowCountEqualEvaluator(e)),
        ExpectationCatalog.Of<UnexpectedRowsExpectation>(e => new UnexpectedRowsEvaluator(e)),
        ExpectationCatalog.Of<ColumnToExist>(e => new ColumnToExistEvaluator(e)),
        ExpectationCatalog.Of<TableColumnsToMatchOrderedList>(e => new ColumnsMatchOrderedListEvaluator(e)),
        ExpectationCatalog.Of<TableColumnsToMatchSet>(e => new ColumnsMatchSetEvaluator(e)),
        ExpectationCatalog.Of<TableColumnCountToBeBetween>(e => new ColumnCountBetweenEvaluator(e)),
        ExpectationCatalog.Of<TableColumnCountToEqual>(e => new ColumnCountEqualEvaluator(e)),
        ExpectationCatalog.Of<TableRowCountToEqualOtherTable>(e => new OtherTableRowCountEvaluator(e)),
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
        ExpectationCatalog.Of<ColumnValuesToBeIncreasing>(e => new IncreasingEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeDecreasing>(e => new DecreasingEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeOfType>(e => new OfTypeEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeInTypeList>(e => new InTypeListEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchRegexList>(e => new MatchRegexListEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotMatchRegexList>(e => new NotMatchRegexListEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchStrftimeFormat>(e => new StrftimeEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeDateutilParseable>(e => new DateutilParseableEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToBeJsonParseable>(e => new JsonParseableEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchJsonSchema>(e => new JsonSchemaEvaluator(e)),
        ExpectationCatalog.Of<ColumnValueZScoresToBeLessThan>(e => new ZScoreEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchLikePattern>(e => new MatchLikeEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotMatchLikePattern>(e => new NotMatchLikeEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToMatchLikePatternList>(e => new MatchLikeListEvaluator(e)),
        ExpectationCatalog.Of<ColumnValuesToNotMatchLikePatternList>(e => new NotMatchLikeListEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> Aggregate() =>
    [
        ExpectationCatalog.Of<ColumnMinToBeBetween>(e => new MinBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnMaxToBeBetween>(e => new MaxBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnMeanToBeBetween>(e => new MeanBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnMedianToBeBetween>(e => new MedianBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnStdevToBeBetween>(e => new StdevBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnSumToBeBetween>(e => new SumBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnUniqueValueCountToBeBetween>(e => new UniqueValueCountBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnProportionOfUniqueValuesToBeBetween>(e => new UniqueProportionBetweenEvaluator(e)),
        ExpectationCatalog.Of<ColumnDistinctValuesToBeInSet>(e => new DistinctInSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnDistinctValuesToContainSet>(e => new DistinctContainSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnDistinctValuesToEqualSet>(e => new DistinctEqualSetEvaluator(e)),
        ExpectationCatalog.Of<ColumnMostCommonValueToBeInSet>(e => new MostCommonValueEvaluator(e)),
        ExpectationCatalog.Of<ColumnQuantileValuesToBeBetween>(e => new QuantileValuesEvaluator(e)),
        ExpectationCatalog.Of<ColumnKlDivergenceToBeLessThan>(e => new KlDivergenceEvaluator(e)),
        ExpectationCatalog.Of<ColumnChiSquareTestPValueToBeGreaterThan>(e => new ChiSquareEvaluator(e)),
        ExpectationCatalog.Of<ColumnParameterizedDistributionKsTestPValueToBeGreaterThan>(e => new ParameterizedKsEvaluator(e)),
        ExpectationCatalog.Of<ColumnBootstrappedKsTestPValueToBeGreaterThan>(e => new BootstrappedKsEvaluator(e)),
        ExpectationCatalog.Of<ColumnPairCramersPhiValueToBeLessThan>(e => new CramersPhiEvaluator(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> MultiColumn() =>
    [
        ExpectationCatalog.Of<ColumnPairValuesAToBeGreaterThanB>(e => new PairGreaterThanEvaluator(e)),
        ExpectationCatalog.Of<CompoundColumnsToBeUnique>(e => new CompoundUniqueEvaluator(e)),
        ExpectationCatalog.Of<ColumnPairValuesToBeEqual>(e => new PairEqualEvaluator(e)),
        ExpectationCatalog.Of<ColumnPairValuesToBeInSet>(e => new PairInSetEvaluator(e)),
        ExpectationCatalog.Of<MulticolumnSumToEqual>(e => new SumToEqualEvaluator(e)),
        ExpectationCatalog.Of<SelectColumnValuesToBeUniqueWithinRecord>(e => new UniqueWithinRecordEvaluator<SelectColumnValuesToBeUniqueWithinRecord>(e)),
        ExpectationCatalog.Of<MulticolumnValuesToBeUnique>(e => new UniqueWithinRecordEvaluator<MulticolumnValuesToBeUnique>(e)),
    ];

    private static IEnumerable<ExpectationCatalog.Entry> Drift() =>
    [
        ExpectationCatalog.Of<ColumnDistributionToNotDrift>(e => new DistributionNotDriftEvaluator(e)),
    ];
}
