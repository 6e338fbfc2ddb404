using Expectations;
using Expectations.Parquet;

const double MaxQuarantinedFraction = 0.05;

var input = args.Length > 0 ? args[0] : Path.Join("samples", "transactions.parquet");
var suitePath = args.Length > 1 ? args[1] : Path.Join("samples", "transactions.suite.json");
// Outputs go to a temp folder unless one is given, so running the sample never writes into the repository.
var outputFolder = args.Length > 2 ? args[2] : Path.Join(Path.GetTempPath(), "expectations-pipeline-sample");
Directory.CreateDirectory(outputFolder);
var staging = Path.Join(outputFolder, "clean.parquet.staging");
var clean = Path.Join(outputFolder, "clean.parquet");
var quarantine = Path.Join(outputFolder, "quarantine.parquet");

var plan = ValidationPlan.Compile(SuiteJson.ReadFile(suitePath));   // compile once, reuse for both runs
var textOptions = new TextReportOptions { Width = 110, MaxSamples = 3 };

// Steps 1 and 2: one call validates (result format COMPLETE, so every bad row is known) and writes both files.
var split = await plan.QuarantineAsync(input, validPath: staging, invalidPath: quarantine);
Console.WriteLine("== Incoming data ==");
Console.Write(TextReport.Render(split.Report, textOptions));
var total = split.ValidRowCount + split.InvalidRowCount;
var quarantinedFraction = total == 0 ? 0 : (double)split.InvalidRowCount / total;
Console.WriteLine($"\nQuarantined {split.InvalidRowCount:N0} of {total:N0} rows ({quarantinedFraction:P2}) to {quarantine}");

// Step 3: the gate runs the full suite again over the rows that are left.
await using (var stagedRows = await ParquetDataSource.OpenAsync(staging))
{
    var gate = await plan.ValidateAsync(stagedRows);
    Console.WriteLine("\n== Rows left after quarantine ==");
    Console.Write(TextReport.Render(gate, textOptions));

    var passes = gate.Success && quarantinedFraction <= MaxQuarantinedFraction;
    if (!passes)
    {
        Console.WriteLine(gate.Success
            ? $"\nGate closed: {quarantinedFraction:P2} of the rows were quarantined (at most {MaxQuarantinedFraction:P0} allowed). Nothing published."
            : "\nGate closed: the remaining rows still fail the suite. Nothing published.");
        File.Delete(staging);
        return 1;
    }
}

File.Move(staging, clean, overwrite: true);
Console.WriteLine($"\nGate open: published {split.ValidRowCount:N0} rows to {clean}");
return 0;
