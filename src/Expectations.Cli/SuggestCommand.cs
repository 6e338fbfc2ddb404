using System.CommandLine;

namespace Expectations.Cli;

/// <summary><c>expectations suggest DATA [--output suite.json]</c>: a suite suggested from the data's profile.</summary>
internal static class SuggestCommand
{
    /// <summary>Distinct values counted exactly when suggesting (about 8 bytes of hash each, plus set overhead).</summary>
    internal const int SuggestDistinctLimit = 1_000_000;

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var data = new Argument<string>("DATA") { Description = "The data: a .parquet file, a folder of .parquet files, or a .csv file." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the suite JSON to this file instead of stdout.", HelpName = "suite.json" };
        var name = new Option<string>("--name") { Description = "Suite name.", DefaultValueFactory = _ => "suggested" };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "Save the data's profile to this file and reference it from the drift expectations (baseline_path) instead of embedding each column's profile: a suite a person can review.",
            HelpName = "profile.json",
        };
        var csv = new DataSources.CsvOptionsSet();
        var command = new Command("suggest", "Suggest a suite from DATA: completeness, ranges, domains, uniqueness, lengths and drift against its own profile. The suite passes on DATA.")
        {
            data, output, name, baseline,
        };
        csv.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProfileCommand.Guard(stderr, async () =>
        {
            OutputSet.Check((parse.GetValue(output), "--output"), (parse.GetValue(baseline), "--baseline"));
            await using var outputs = new OutputSet();
            outputs.CleanStale([parse.GetValue(output), parse.GetValue(baseline)]);

            // Uniqueness is only suggested from exact distinct counts: count up to a million distinct values exactly.
            var options = ProfileOptions.Default with { ExactDistinctLimit = SuggestDistinctLimit };
            var profile = await ProfileCommand.ProfileAsync(parse.GetRequiredValue(data), options, cancellationToken, reading: csv.Read(parse));
            var baselinePath = parse.GetValue(baseline);
            var suggestion = SuiteSuggester.Explain(profile, parse.GetValue(name) ?? "suggested", new SuggestOptions { BaselinePath = baselinePath });
            var suite = suggestion.Suite;
            var json = SuiteJson.Serialize(suite) + "\n";
            if (baselinePath is not null)
            {
                await outputs.WriteTextAsync(baselinePath, profile.ToJson() + "\n", cancellationToken);
            }

            // What to review goes to stderr, so stdout stays the suite JSON when no --output is given.
            foreach (var note in suggestion.Review)
            {
                await stderr.WriteLineAsync($"review: {note.ExpectationType}({note.Column}): {note.Message}");
            }

            if (parse.GetValue(output) is { } path)
            {
                await outputs.WriteTextAsync(path, json, cancellationToken);
                await outputs.CommitAsync(cancellationToken);
                await stdout.WriteLineAsync($"Suggested {suite.Expectations.Length} expectations for {profile.Columns.Count} columns: {path}"
                    + (suggestion.Review.Count > 0 ? $" ({suggestion.Review.Count} to review, listed above)" : "")
                    + (baselinePath is null ? "" : $"; drift baseline profile: {baselinePath}"));
            }
            else
            {
                // The baseline file (when asked for) is published before the suite that names it is printed.
                await outputs.CommitAsync(cancellationToken);
                await stdout.WriteAsync(json);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
