using Expectations.Engine.ColumnMap;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class MatchLikeEvaluator(ColumnValuesToMatchLikePattern e) : ColumnMapEvaluator<ColumnValuesToMatchLikePattern>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => LikeRowChecks.CheckFor(column, [Spec.LikePattern], PatternListRule.MatchAny, Unsupported);
}

internal sealed class NotMatchLikeEvaluator(ColumnValuesToNotMatchLikePattern e) : ColumnMapEvaluator<ColumnValuesToNotMatchLikePattern>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => LikeRowChecks.CheckFor(column, [Spec.LikePattern], PatternListRule.MatchNone, Unsupported);
}

internal sealed class MatchLikeListEvaluator(ColumnValuesToMatchLikePatternList e) : ColumnMapEvaluator<ColumnValuesToMatchLikePatternList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        LikeRowChecks.CheckFor(column, Spec.LikePatternList, Spec.MatchOn == MatchOn.All ? PatternListRule.MatchAll : PatternListRule.MatchAny, Unsupported);
}

internal sealed class NotMatchLikeListEvaluator(ColumnValuesToNotMatchLikePatternList e) : ColumnMapEvaluator<ColumnValuesToNotMatchLikePatternList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => LikeRowChecks.CheckFor(column, Spec.LikePatternList, PatternListRule.MatchNone, Unsupported);
}

/// <summary>The row check of LIKE patterns for a column's kind.</summary>
internal static class LikeRowChecks
{
    public static RowCheck CheckFor(ColumnInfo column, IReadOnlyList<string> patterns, PatternListRule rule, Func<ColumnInfo, string, Engine.ExpectationException> unsupported) =>
        column.Kind == DataKind.String
            ? new PatternListCheck([.. patterns.Select(SqlLike.Create)], ValueList.From(patterns.Select(p => "like:" + p)), rule)
            : throw unsupported(column, "the column is not text");
}
