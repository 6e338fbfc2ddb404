using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>A temporary folder for Parquet files written with Parquet.Net, deleted on dispose.</summary>
internal sealed class ParquetTestFiles : IDisposable
{
    public ParquetTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "expectations-parquet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    /// <summary>Writes a file with one row group per <paramref name="rowGroups"/> entry.</summary>
    public async Task<string> WriteAsync(string relative, ParquetSchema schema, params Func<ParquetRowGroupWriter, Task>[] rowGroups)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        foreach (var write in rowGroups)
        {
            using var rowGroup = writer.CreateRowGroup();
            await write(rowGroup);
        }

        return path;
    }

    /// <summary>A file with one required int32 column "id" holding <paramref name="first"/>, <paramref name="first"/>+1, ... per row group size.</summary>
    public Task<string> WriteIdsAsync(string relative, int first, params int[] rowGroupSizes)
    {
        var field = new DataField<int>("id");
        var next = first;
        return WriteAsync(relative, new ParquetSchema(field), [.. rowGroupSizes.Select(size =>
        {
            var values = Enumerable.Range(next, size).ToArray();
            next += size;
            return (Func<ParquetRowGroupWriter, Task>)(async rg => await rg.WriteAsync<int>(field, values));
        })]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
