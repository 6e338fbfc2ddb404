using Expectations.Parquet;

namespace Expectations.Cli;

/// <summary>Opens the DATA argument: a Parquet file, a folder of Parquet files, or a CSV file.</summary>
internal static class DataSources
{
    /// <summary>Opens <paramref name="path"/> by what it is: a folder or a non-CSV file is read as Parquet.</summary>
    /// <exception cref="CliInputException">The path does not exist or its format is not supported.</exception>
    /// <exception cref="DataSourceException">The data cannot be read.</exception>
    public static async Task<IDataSource> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return await ParquetDataSource.OpenAsync(path, cancellationToken);
        }

        if (!File.Exists(path))
        {
            throw new CliInputException($"data path '{path}' does not exist");
        }

        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // Type inference reads a sample of rows; a header or sample problem is a DataSourceException naming the file.
            return CsvDataSource.Open(path);
        }

        return await ParquetDataSource.OpenAsync(path, cancellationToken);
    }
}
