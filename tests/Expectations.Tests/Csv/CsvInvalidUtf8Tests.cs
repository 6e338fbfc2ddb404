using System.Text;
using Expectations.Cli;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Csv;

/// <summary>Issue 16: invalid UTF-8 in a CSV file is an error naming file, line, row and column, unless replacing is asked for.</summary>
public sealed class CsvInvalidUtf8Tests : IDisposable
{
    private static readonly byte[] Latin1E = [0xE9]; // 'é' in Latin-1: not UTF-8 on its own

    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-utf8-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params object[] parts)
    {
        using var bytes = new MemoryStream();
        foreach (var part in parts)
        {
            var chunk = part as byte[] ?? Encoding.UTF8.GetBytes((string)part);
            bytes.Write(chunk);
        }

        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    private static async Task<List<string?>> ReadStrings(CsvDataSource source, string column)
    {
        var values = new List<string?>();
        await foreach (var chunk in source.ReadAsync([column]))
        {
            var batch = (StringBatch)chunk[column];
            for (var i = 0; i < batch.Length; i++)
            {
                values.Add(batch.GetString(i));
            }
        }

        return values;
    }

    [Fact]
    public void Invalid_bytes_in_the_sampled_rows_fail_at_open_naming_line_row_column_and_bytes()
    {
        var path = Write("latin1.csv", "id,name\n1,ok\n2,caf", Latin1E, "\n3,fine\n");
        var open = () => CsvDataSource.Open(path);
        open.Should().Throw<DataSourceException>().Which.Message.Should()
            .Contain($"CSV file '{path}', line 3 (data row 1, 0-based), column 'name': invalid UTF-8 (byte 0xE9 at byte offset 18)")
            .And.Contain("CsvOptions.ReplaceInvalidUtf8").And.Contain("--replace-invalid-utf8");
    }

    [Fact]
    public async Task Invalid_bytes_past_the_sample_fail_the_read_and_the_validation()
    {
        var rows = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i},\"quoted, with a\nline break\",x\r\n"));
        var path = Write("late.csv", "id,note,name\r\n", rows, "200000,\"a\",", new byte[] { 0xC3, 0x28 }, "\r\n");
        var source = CsvDataSource.Open(path, new CsvOptions { InferenceRows = 10 });
        var read = () => ReadStrings(source, "name");
        var error = (await read.Should().ThrowAsync<DataSourceException>()).Which.Message;
        error.Should().Contain("line 400002 (data row 200000, 0-based), column 'name': invalid UTF-8 (byte 0xC3", "quoted line breaks count as lines, CRLF as one, and the scan crosses its 1 MiB buffers");

        var suite = Expect.Suite("s").Column<long>("id", c => c.NotNull()).Build();
        var validate = async () => await suite.ValidateAsync(source);
        await validate.Should().ThrowAsync<DataSourceException>().WithMessage("*invalid UTF-8*");
    }

    [Fact]
    public void Invalid_bytes_in_the_header_name_the_header()
    {
        var path = Write("header.csv", "id,n", Latin1E, "me\n1,a\n");
        var open = () => CsvDataSource.Open(path);
        open.Should().Throw<DataSourceException>().WithMessage("*line 1 (the header), field 2: invalid UTF-8*");
    }

    [Fact]
    public async Task ReplaceInvalidUtf8_reads_them_as_the_replacement_character()
    {
        var path = Write("latin1.csv", "id,name\n1,caf", Latin1E, "\n");
        var source = CsvDataSource.Open(path, new CsvOptions { ReplaceInvalidUtf8 = true });
        (await ReadStrings(source, "name")).Should().Equal("caf\uFFFD");
    }

    [Fact]
    public async Task Valid_multibyte_text_and_an_encoded_replacement_character_are_not_errors()
    {
        // A 3-byte character straddling the locator's 1 MiB buffer boundary, and U+FFFD written as valid UTF-8.
        var filler = new string('a', (1 << 20) - "id,name\n1,".Length - 1);
        var path = Write("valid.csv", "id,name\n1,", filler, "€\n2,\uFFFD\n3,😀\n");
        var source = CsvDataSource.Open(path);
        (await ReadStrings(source, "name")).Should().Equal(filler + "€", "\uFFFD", "😀");

        var invalid = Write("invalid-after.csv", "id,name\n1,", filler, "€\n2,", Latin1E, "\n");
        var open = () => CsvDataSource.Open(invalid);
        open.Should().Throw<DataSourceException>().WithMessage($"*line 3 (data row 1, 0-based), column 'name': invalid UTF-8 (byte 0xE9 at byte offset {(1 << 20) + 5})*");
    }

    [Fact]
    public async Task Cli_exits_2_with_one_line_and_reads_with_replace_invalid_utf8()
    {
        var path = Write("latin1.csv", "id,name\n1,ok\n2,caf", Latin1E, "\n");
        var suite = Path.Combine(_dir, "suite.json");
        await File.WriteAllTextAsync(suite, """{"name": "s", "expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "name"}}]}""");

        var strict = await CliRun.RunAsync("validate", "--suite", suite, path);
        strict.ExitCode.Should().Be(ExitCodes.InvalidInput);
        strict.Stdout.Should().BeEmpty();
        strict.Stderr.TrimEnd('\n').Split('\n').Should().ContainSingle().Which.Should()
            .Contain("latin1.csv").And.Contain("line 3 (data row 1, 0-based), column 'name': invalid UTF-8 (byte 0xE9");

        var replaced = await CliRun.RunAsync("validate", "--suite", suite, path, "--replace-invalid-utf8");
        replaced.ExitCode.Should().Be(ExitCodes.Success, replaced.Stdout + replaced.Stderr);

        (await CliRun.RunAsync("profile", path, "--output", Path.Combine(_dir, "p.json"))).ExitCode.Should().Be(ExitCodes.InvalidInput);
        (await CliRun.RunAsync("profile", path, "--output", Path.Combine(_dir, "p.json"), "--replace-invalid-utf8")).ExitCode.Should().Be(ExitCodes.Success);
        (await CliRun.RunAsync("drift", path, path)).ExitCode.Should().Be(ExitCodes.InvalidInput);
        (await CliRun.RunAsync("suggest", path, "--replace-invalid-utf8")).ExitCode.Should().Be(ExitCodes.Success);
    }
}
