using System.Text.RegularExpressions;
using CsCheck;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>
/// Text checks remember verdicts per distinct value of a batch while the column repeats; the counts must equal a
/// row-by-row evaluation whatever the cardinality (low: remembered; high: remembering stops after the probe rows).
/// </summary>
public class TextCheckMemoTests
{
    private const string Pattern = "^[a-c]+x?$";

    [Fact]
    public void Regex_counts_equal_a_row_by_row_reference_at_any_cardinality()
    {
        var lowCardinality = Gen.OneOf(Gen.Const("ab"), Gen.Const("cx"), Gen.Const("zz"), Gen.Const(""), Gen.Const("abcx"), Gen.Const("é"));
        var highCardinality = Gen.String[Gen.Char["abcxz"], 0, 12];
        var value = Gen.Frequency((3, lowCardinality), (1, highCardinality)).Null(0.1);
        Gen.OneOf(value.Array[0, 300], highCardinality.Null(0.1).Array[1500, 3000], lowCardinality.Null(0.1).Array[1500, 3000]).Sample(values =>
        {
            var table = InMemoryTable.Builder().Add("s", values).Build();
            var result = new ExpectationSuite("memo", [new ColumnValuesToMatchRegex { Column = "s", Regex = Pattern }]).Validate(table).Results[0];
            var expected = values.Count(v => v is not null && !Regex.IsMatch(v, Pattern));
            result.Result.UnexpectedCount.Should().Be(expected);
        }, iter: 60);
    }
}
