namespace Expectations.Model;

/// <summary>The built-in expectation records: one line each, grouped by family. The JSON reader finds records here by wire name.</summary>
internal static class BuiltInExpectations
{
    public static IEnumerable<Type> All() =>
    [
        // Table
        typeof(TableRowCountToBeBetween),
        typeof(TableRowCountToEqual),
        typeof(UnexpectedRowsExpectation),
        typeof(ColumnToExist),
        typeof(TableColumnsToMatchOrderedList),
        typeof(TableColumnsToMatchSet),
        typeof(TableColumnCountToBeBetween),
        typeof(TableColumnCountToEqual),
        typeof(TableRowCountToEqualOtherTable),
        // Leakage between splits
        typeof(TableTimeRangeToPrecedeOtherTable),
        typeof(ColumnValuesToNotBeInOtherTable),
        typeof(ColumnValuesToNotHaveNearDuplicatesInOtherTable),
        typeof(ColumnValuesToNotHaveNearDuplicates),
        // ML datasets
        typeof(ColumnMaxToBeRecent),
        typeof(ColumnPairCohensKappaToBeBetween),
        typeof(MulticolumnFleissKappaToBeBetween),
        typeof(MulticolumnKrippendorffAlphaToBeBetween),
        typeof(ColumnProportionOfNonNullValuesToBeBetween),
        typeof(ColumnValueProportionsToBeBetween),
        // ColumnMap
        typeof(ColumnValuesToNotBeNull),
        typeof(ColumnValuesToBeNull),
        typeof(ColumnValuesToBeBetween),
        typeof(ColumnValuesToBeInSet),
        typeof(ColumnValuesToNotBeInSet),
        typeof(ColumnValuesToMatchRegex),
        typeof(ColumnValuesToNotMatchRegex),
        typeof(ColumnValueLengthsToBeBetween),
        typeof(ColumnValueLengthsToEqual),
        typeof(ColumnValuesToBeUnique),
        typeof(ColumnValuesToBeIncreasing),
        typeof(ColumnValuesToBeDecreasing),
        typeof(ColumnValuesToBeOfType),
        typeof(ColumnValuesToBeInTypeList),
        typeof(ColumnValuesToMatchRegexList),
        typeof(ColumnValuesToNotMatchRegexList),
        typeof(ColumnValuesToMatchStrftimeFormat),
        typeof(ColumnValuesToBeDateutilParseable),
        typeof(ColumnValuesToBeJsonParseable),
        typeof(ColumnValuesToMatchJsonSchema),
        typeof(ColumnValueZScoresToBeLessThan),
        typeof(ColumnValuesToMatchLikePattern),
        typeof(ColumnValuesToNotMatchLikePattern),
        typeof(ColumnValuesToMatchLikePatternList),
        typeof(ColumnValuesToNotMatchLikePatternList),
        // Aggregate
        typeof(ColumnMinToBeBetween),
        typeof(ColumnMaxToBeBetween),
        typeof(ColumnMeanToBeBetween),
        typeof(ColumnMedianToBeBetween),
        typeof(ColumnStdevToBeBetween),
        typeof(ColumnSumToBeBetween),
        typeof(ColumnUniqueValueCountToBeBetween),
        typeof(ColumnProportionOfUniqueValuesToBeBetween),
        typeof(ColumnDistinctValuesToBeInSet),
        typeof(ColumnDistinctValuesToContainSet),
        typeof(ColumnDistinctValuesToEqualSet),
        typeof(ColumnMostCommonValueToBeInSet),
        typeof(ColumnQuantileValuesToBeBetween),
        typeof(ColumnKlDivergenceToBeLessThan),
        typeof(ColumnChiSquareTestPValueToBeGreaterThan),
        typeof(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan),
        typeof(ColumnBootstrappedKsTestPValueToBeGreaterThan),
        typeof(ColumnPairCramersPhiValueToBeLessThan),
        // MultiColumn
        typeof(ColumnPairValuesAToBeGreaterThanB),
        typeof(CompoundColumnsToBeUnique),
        typeof(ColumnPairValuesToBeEqual),
        typeof(ColumnPairValuesToBeInSet),
        typeof(MulticolumnSumToEqual),
        typeof(SelectColumnValuesToBeUniqueWithinRecord),
        typeof(MulticolumnValuesToBeUnique),
        // Drift
        typeof(ColumnDistributionToNotDrift),
        // Anomaly
        typeof(TableRowCountToNotBeAnomalous),
        typeof(ColumnMetricToNotBeAnomalous),
    ];
}
