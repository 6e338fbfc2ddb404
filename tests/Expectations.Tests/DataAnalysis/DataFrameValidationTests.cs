using Expectations.DataAnalysis;
using Microsoft.Data.Analysis;

namespace Expectations.Tests.DataAnalysis;

public class DataFrameValidationTests
{
    [Fact]
    public void Validating_a_dataframe_finds_out_of_range_values_at_their_row()
    {
        var amount = new DoubleDataFrameColumn("amount", [5.0, 7.5, null, 12_000.0, 3.0]);
        var label = new StringDataFrameColumn("label", ["positive", "negative", "neutral", "positive", "spam"]);
        var frame = new DataFrame(amount, label);
        var suite = Expect.Suite("tx")
            .Column<double>("amount", c => c.NotNull().Between(0, 10_000))
            .Column<string>("label", c => c.InSet("positive", "negative", "neutral"))
            .Build();

        var report = frame.Validate(suite);

        report.Success.Should().BeFalse();
        report.Results[0].Result.UnexpectedIndexList.Should().BeNull("SUMMARY is the default format");
        report.Results[0].Result.PartialUnexpectedIndexList.Should().Equal(2);
        report.Results[1].Result.PartialUnexpectedIndexList.Should().Equal(3);
        report.Results[2].Result.PartialUnexpectedList!.Single().GetString().Should().Be("spam");
        report.Results[2].Result.PartialUnexpectedIndexList.Should().Equal(4);
    }
}
