using Expectations.Model;
using System.Text;
using System.Text.RegularExpressions;
using Expectations.Engine.ColumnMap;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Engine.Checks;

internal sealed class MatchLikeEvaluator(ColumnValuesToMatchLikePattern e) : ColumnMapEvaluator<ColumnValuesToMatchLikePattern>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => SqlLike.CheckFor(column, [Spec.LikePattern], PatternListRule.MatchAny, Unsupported);
}

internal sealed class NotMatchLikeEvaluator(ColumnValuesToNotMatchLikePattern e) : ColumnMapEvaluator<ColumnValuesToNotMatchLikePattern>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => SqlLike.CheckFor(column, [Spec.LikePattern], PatternListRule.MatchNone, Unsupported);
}

internal sealed class MatchLikeListEvaluator(ColumnValuesToMatchLikePatternList e) : ColumnMapEvaluator<ColumnValuesToMatchLikePatternList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        SqlLike.CheckFor(column, Spec.LikePatternList, Spec.MatchOn == MatchOn.All ? PatternListRule.MatchAll : PatternListRule.MatchAny, Unsupported);
}

internal sealed class NotMatchLikeListEvaluator(ColumnValuesToNotMatchLikePatternList e) : ColumnMapEvaluator<ColumnValuesToNotMatchLikePatternList>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => SqlLike.CheckFor(column, Spec.LikePatternList, PatternListRule.MatchNone, Unsupported);
}
