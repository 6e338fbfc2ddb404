using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expectations;

/// <summary>
/// A metrics repository in a JSON-lines file: one object per point, <c>{"timestamp", "run_id", "dataset", "suite",
/// "partition", "expectation", "column", "metric", "value", "tags"}</c> (docs/history.md). A run's points are appended
/// with one write under an exclusive lock of the file, so concurrent runs do not interleave. A line that does not read
/// is an error naming the file and line.
/// </summary>
public sealed class JsonLinesMetricRepository : IMetricRepository
{
    private readonly Lock _gate = new();

    /// <summary>A repository in <paramref name="path"/> (created on the first append).</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public JsonLinesMetricRepository(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var buffer = new MemoryStream();
        foreach (var point in points)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, point);
            }

            buffer.WriteByte((byte)'\n');
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            // FileShare.Read: another process appending at the same time waits for this one (it cannot open the file).
            using var file = OpenForAppend();
            file.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        return ValueTask.CompletedTask;
    }

    private FileStream OpenForAppend()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            }
            catch (IOException) when (attempt < 50 && File.Exists(Path))
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A line is not a metric point.</exception>
    public async ValueTask<IReadOnlyList<MetricPoint>> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!File.Exists(Path))
        {
            return [];
        }

        var points = new List<MetricPoint>();
        var number = 0;
        using var reader = new StreamReader(Path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            MetricPoint point;
            try
            {
                point = Read(line);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{Path}, line {number}: not a metric point ({ex.Message})", ex);
            }

            if (query.Matches(point))
            {
                points.Add(point);
            }
        }

        // A stable sort: points of one timestamp keep the order they were appended in.
        return [.. points.OrderBy(p => p.Timestamp)];
    }

    private static void Write(Utf8JsonWriter writer, MetricPoint point)
    {
        writer.WriteStartObject();
        writer.WriteString("timestamp", point.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("run_id", point.RunId);
        writer.WriteString("dataset", point.Dataset);
        writer.WriteString("suite", point.Suite);
        writer.WriteString("partition", point.Partition);
        writer.WriteString("expectation", point.Expectation);
        writer.WriteString("column", point.Column);
        writer.WriteString("metric", point.Metric);
        writer.WriteNumber("value", point.Value);
        writer.WriteStartObject("tags");
        foreach (var (key, value) in point.Tags)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static MetricPoint Read(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;
        static string Required(JsonElement root, string name) => Text(root, name) ?? throw new FormatException($"\"{name}\" is missing");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? "";
            }
        }

        return new MetricPoint
        {
            Timestamp = DateTimeOffset.Parse(Required(root, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            RunId = Required(root, "run_id"),
            Dataset = Required(root, "dataset"),
            Suite = Text(root, "suite"),
            Partition = Text(root, "partition"),
            Expectation = Text(root, "expectation"),
            Column = Text(root, "column"),
            Metric = Required(root, "metric"),
            Value = root.TryGetProperty("value", out var v) ? v.GetDouble() : throw new FormatException("\"value\" is missing"),
            Tags = tags,
        };
    }
}
