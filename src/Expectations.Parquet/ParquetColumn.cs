using ParquetSharp;
using ParquetSharp.Schema;

namespace Expectations.Parquet;

/// <summary>How the values of a leaf are decoded: the physical type plus what its logical annotation makes of it.</summary>
internal enum LeafEncoding
{
    Boolean,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Float16,
    Double,
    DecimalInt32,
    DecimalInt64,
    DecimalBytes,
    DateDays,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    Int96,
    TimeMillis,
    TimeMicros,
    TimeNanos,
    Utf8,
    Uuid,
    Interval,
    Bytes,
}

/// <summary>
/// One list level above a leaf (Dremel): a row's value at this depth is null when its definition level is below
/// <paramref name="NullBelow"/>, an empty list when below <paramref name="EmptyBelow"/>, else a list with elements.
/// </summary>
internal readonly record struct ListLevel(int NullBelow, int EmptyBelow);

/// <summary>
/// A column this source offers, mapped from the Parquet schema: a leaf (a primitive field, perhaps inside structs
/// and lists), or a group (a STRUCT or MAP, or a LIST of structs) of which only nullness is read.
/// </summary>
/// <param name="Name">The column's name: field names joined with '.', without the LIST/MAP wrapper nodes.</param>
/// <param name="Kind">What the column holds (<see cref="DataKind.List"/> when any list level is above it).</param>
/// <param name="PhysicalType">A readable type: <c>INT32</c>, <c>INT64 (UINT_64)</c>, <c>BYTE_ARRAY (UTF8)</c>, <c>TIMESTAMP(MICROS, UTC)</c>, <c>LIST&lt;INT32&gt;</c>.</param>
/// <param name="Parent">The top-level column this one is a field of; null for top-level columns.</param>
/// <param name="LeafIndex">The Parquet leaf column whose levels are read (for a group, its first leaf).</param>
/// <param name="LeafPath">That leaf's Parquet path (to find it again in every file).</param>
/// <param name="Lists">The list levels from the top down; empty for a flat column.</param>
/// <param name="ValueDefinition">The definition level at which the value itself (leaf value, or the group) is present.</param>
/// <param name="Encoding">How leaf values are decoded; null for a group.</param>
/// <param name="ValueKind">The kind of one value (the element kind of a list).</param>
/// <param name="Scale">Decimal scale.</param>
/// <param name="TypeLength">FIXED_LEN_BYTE_ARRAY width.</param>
internal sealed record ParquetColumn(
    string Name,
    DataKind Kind,
    string PhysicalType,
    string? Parent,
    int LeafIndex,
    string LeafPath,
    ListLevel[] Lists,
    int ValueDefinition,
    LeafEncoding? Encoding,
    DataKind ValueKind,
    int Scale,
    int TypeLength)
{
    /// <summary>The column as <see cref="IDataSource.Columns"/> lists it.</summary>
    public ColumnInfo Info => new(Name, Kind, PhysicalType) { Parent = Parent, ElementKind = Lists.Length switch { 0 => null, 1 => ValueKind, _ => DataKind.List } };

    /// <summary>Whether two files offer this column the same way (same name, kind, type and levels).</summary>
    public bool SameShape(ParquetColumn other) =>
        Name == other.Name && Kind == other.Kind && PhysicalType == other.PhysicalType && Encoding == other.Encoding
        && ValueDefinition == other.ValueDefinition && Lists.AsSpan().SequenceEqual(other.Lists) && LeafPath == other.LeafPath;
}

/// <summary>
/// Maps a Parquet schema to the columns offered: every field of the file, nested or not, is a column (never dropped).
/// STRUCT fields become <c>parent.field</c>; LIST columns (3-level, and the legacy 2-level and unannotated repeated
/// forms the spec's backward-compatibility rules describe) become List columns; a MAP <c>m</c> becomes a Map column
/// plus the List columns <c>m.key</c> and <c>m.value</c>.
/// </summary>
internal static class ParquetSchemaMap
{
    /// <summary>The columns of <paramref name="schema"/>, top-level columns in file order each followed by its fields.</summary>
    public static List<ParquetColumn> Map(SchemaDescriptor schema)
    {
        var leafIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schema.NumColumns; i++)
        {
            using var path = schema.Column(i).Path;
            leafIndex[path.ToDotString()] = i;
        }

        var columns = new List<ParquetColumn>();
        var root = schema.GroupNode;
        foreach (var field in root.Fields)
        {
            Walk(schema, leafIndex, field, [field.Name], null, 0, [], columns);
        }

        // Names must be unique: a field literally named 'a.b' next to struct 'a' with field 'b' is rare, but must not shadow.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!seen.Add(columns[i].Name))
            {
                columns[i] = columns[i] with { Name = $"{columns[i].Name}#{i}" };
                seen.Add(columns[i].Name);
            }
        }

        return columns;
    }

    private static void Walk(SchemaDescriptor schema, Dictionary<string, int> leaves, Node node, List<string> name, string? top, int definition, ListLevel[] lists, List<ParquetColumn> columns)
    {
        var parent = top;
        top ??= name[0];
        var displayName = string.Join('.', name);
        var repetition = node.Repetition;
        if (repetition == Repetition.Repeated)
        {
            // An unannotated repeated field is a list of its values (the field itself is the element); the list is never null.
            lists = [.. lists, new ListLevel(definition, definition + 1)];
            definition++;
        }
        else if (repetition == Repetition.Optional)
        {
            definition++;
        }

        if (node is PrimitiveNode)
        {
            AddLeaf(schema, leaves, node, displayName, parent, definition, lists, columns);
            return;
        }

        var group = (GroupNode)node;
        var converted = node.ConvertedType;
        var logical = SafeLogicalType(node);
        if (repetition != Repetition.Repeated && (logical is ListLogicalType || converted == ConvertedType.List) && group.FieldCount == 1 && group.Field(0).Repetition == Repetition.Repeated)
        {
            var repeated = group.Field(0);
            var nullBelow = definition;
            var element = ListElement(repeated, group.Name);
            // The repeated node adds one definition level (its presence = a non-empty list) and one list level.
            var inner = definition + 1;
            var level = new ListLevel(nullBelow, inner);
            if (ReferenceEquals(element, repeated))
            {
                // The repeated node is the element itself (legacy 2-level list): walk its content without counting it again.
                WalkElement(schema, leaves, repeated, name, top, parent, inner, [.. lists, level], columns);
            }
            else
            {
                WalkChild(schema, leaves, element, name, top, parent, inner, [.. lists, level], columns);
            }

            return;
        }

        if (repetition != Repetition.Repeated && (logical is MapLogicalType || converted is ConvertedType.Map or ConvertedType.MapKeyValue) && group.FieldCount == 1
            && group.Field(0) is GroupNode { Repetition: Repetition.Repeated } keyValue && keyValue.FieldCount is 1 or 2)
        {
            AddGroup(schema, leaves, node, displayName, parent, definition, lists, DataKind.Map, "MAP", columns);
            var inner = definition + 1;
            var level = new ListLevel(definition, inner);
            var key = keyValue.Field(0);
            WalkChild(schema, leaves, key, [.. name, "key"], top, parent ?? name[0], inner, [.. lists, level], columns);
            if (keyValue.FieldCount == 2)
            {
                WalkChild(schema, leaves, keyValue.Field(1), [.. name, "value"], top, parent ?? name[0], inner, [.. lists, level], columns);
            }

            return;
        }

        // A struct (or a repeated group: a list of structs).
        AddGroup(schema, leaves, node, displayName, parent, definition, lists, DataKind.Struct, "STRUCT", columns);
        foreach (var field in group.Fields)
        {
            Walk(schema, leaves, field, [.. name, field.Name], top, definition, lists, columns);
        }
    }

    /// <summary>Walks a list element or map key/value node: its optionality counts, its own name is not added (the caller names it).</summary>
    private static void WalkChild(SchemaDescriptor schema, Dictionary<string, int> leaves, Node element, List<string> name, string top, string? parent, int definition, ListLevel[] lists, List<ParquetColumn> columns)
    {
        var actualParent = parent ?? (name.Count > 1 ? top : null);
        if (element.Repetition == Repetition.Optional)
        {
            definition++;
        }

        if (element is PrimitiveNode)
        {
            AddLeaf(schema, leaves, element, string.Join('.', name), actualParent, definition, lists, columns);
            return;
        }

        // An element that is itself a LIST or MAP, or a struct: walk it as a field at this position, its optional level already counted.
        var group = (GroupNode)element;
        var logical = SafeLogicalType(group);
        var isList = (logical is ListLogicalType || group.ConvertedType == ConvertedType.List) && group.FieldCount == 1 && group.Field(0).Repetition == Repetition.Repeated;
        var isMap = (logical is MapLogicalType || group.ConvertedType is ConvertedType.Map or ConvertedType.MapKeyValue) && group.FieldCount == 1 && group.Field(0) is GroupNode { Repetition: Repetition.Repeated };
        if (isList || isMap)
        {
            // Re-enter Walk with the optional level undone (Walk counts it itself).
            var undo = element.Repetition == Repetition.Optional ? definition - 1 : definition;
            Walk(schema, leaves, element, name, parent, undo, lists, columns);
            return;
        }

        AddGroup(schema, leaves, element, string.Join('.', name), actualParent, definition, lists, DataKind.Struct, "STRUCT", columns);
        foreach (var field in group.Fields)
        {
            Walk(schema, leaves, field, [.. name, field.Name], actualParent ?? top, definition, lists, columns);
        }
    }

    /// <summary>Walks a legacy repeated element whose repetition was already counted by the caller.</summary>
    private static void WalkElement(SchemaDescriptor schema, Dictionary<string, int> leaves, Node repeated, List<string> name, string top, string? parent, int definition, ListLevel[] lists, List<ParquetColumn> columns)
    {
        var actualParent = parent ?? (name.Count > 1 ? top : null);
        if (repeated is PrimitiveNode)
        {
            AddLeaf(schema, leaves, repeated, string.Join('.', name), actualParent, definition, lists, columns);
            return;
        }

        var group = (GroupNode)repeated;
        AddGroup(schema, leaves, repeated, string.Join('.', name), actualParent, definition, lists, DataKind.Struct, "STRUCT", columns);
        foreach (var field in group.Fields)
        {
            Walk(schema, leaves, field, [.. name, field.Name], actualParent ?? top, definition, lists, columns);
        }
    }

    /// <summary>
    /// The element node of a LIST whose repeated child is <paramref name="repeated"/> (Parquet spec, "backward-compatibility
    /// rules"): a repeated primitive, a repeated group of several fields, or one named <c>array</c> or <c>&lt;list&gt;_tuple</c>
    /// is the element itself; otherwise the repeated group's only field is.
    /// </summary>
    private static Node ListElement(Node repeated, string listName)
    {
        if (repeated is not GroupNode group || group.FieldCount != 1 || group.Name == "array" || group.Name == listName + "_tuple")
        {
            return repeated;
        }

        return group.Field(0);
    }

    private static void AddGroup(SchemaDescriptor schema, Dictionary<string, int> leaves, Node node, string name, string? parent, int definition, ListLevel[] lists, DataKind kind, string typeName, List<ParquetColumn> columns)
    {
        var first = FirstLeaf(node);
        using var path = first.Path;
        var dotted = path.ToDotString();
        var type = lists.Length == 0 ? typeName : Wrap(typeName, lists.Length);
        columns.Add(new ParquetColumn(name, lists.Length > 0 ? DataKind.List : kind, type, parent, leaves[dotted], dotted, lists, definition, null, kind, 0, 0));
    }

    private static void AddLeaf(SchemaDescriptor schema, Dictionary<string, int> leaves, Node node, string name, string? parent, int definition, ListLevel[] lists, List<ParquetColumn> columns)
    {
        using var path = node.Path;
        var dotted = path.ToDotString();
        var index = leaves[dotted];
        var descriptor = schema.Column(index);
        var (encoding, kind, typeName) = Describe(descriptor);
        var type = lists.Length == 0 ? typeName : Wrap(typeName, lists.Length);
        columns.Add(new ParquetColumn(name, lists.Length > 0 ? DataKind.List : kind, type, parent, index, dotted, lists, definition, encoding, kind,
            descriptor.TypeScale, descriptor.TypeLength));
    }

    private static string Wrap(string type, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            type = $"LIST<{type}>";
        }

        return type;
    }

    private static Node FirstLeaf(Node node)
    {
        while (node is GroupNode g)
        {
            // A group without fields (only a corrupt or unusual footer has one) has no leaf; the native Field(0) would read past its end.
            node = g.FieldCount > 0 ? g.Field(0) : throw new InvalidDataException($"its schema has a group '{g.Name}' without fields, so no column holds its values");
        }

        return node;
    }

    /// <summary>ParquetSharp throws for logical types it does not know (GEOMETRY, GEOGRAPHY, VARIANT, newer ones): read those by physical type.</summary>
    internal static LogicalType? SafeLogicalType(Node node)
    {
        try
        {
            return node.LogicalType;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    internal static LogicalType? SafeLogicalType(ColumnDescriptor descriptor)
    {
        try
        {
            return descriptor.LogicalType;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>How a leaf's values are decoded and named.</summary>
    internal static (LeafEncoding Encoding, DataKind Kind, string TypeName) Describe(ColumnDescriptor descriptor)
    {
        var physical = descriptor.PhysicalType;
        var logical = SafeLogicalType(descriptor);
        var unknownLogical = logical is null;
        var converted = descriptor.SchemaNode.ConvertedType;
        var name = PhysicalName(physical, descriptor.TypeLength);
        switch (logical)
        {
            case DecimalLogicalType dec:
                var encoding = physical switch
                {
                    PhysicalType.Int32 => LeafEncoding.DecimalInt32,
                    PhysicalType.Int64 => LeafEncoding.DecimalInt64,
                    _ => LeafEncoding.DecimalBytes,
                };
                return (encoding, DataKind.Decimal, $"DECIMAL({dec.Precision},{dec.Scale})");
            case TimestampLogicalType ts when physical == PhysicalType.Int64:
                var utc = ts.IsAdjustedToUtc ? ", UTC" : string.Empty;
                return ts.TimeUnit switch
                {
                    TimeUnit.Millis => (LeafEncoding.TimestampMillis, DataKind.Timestamp, $"TIMESTAMP(MILLIS{utc})"),
                    TimeUnit.Micros => (LeafEncoding.TimestampMicros, DataKind.Timestamp, $"TIMESTAMP(MICROS{utc})"),
                    _ => (LeafEncoding.TimestampNanos, DataKind.Timestamp, $"TIMESTAMP(NANOS{utc})"),
                };
            case DateLogicalType when physical == PhysicalType.Int32:
                return (LeafEncoding.DateDays, DataKind.Timestamp, "DATE");
            case TimeLogicalType time:
                var tutc = time.IsAdjustedToUtc ? ", UTC" : string.Empty;
                return time.TimeUnit switch
                {
                    TimeUnit.Millis => (LeafEncoding.TimeMillis, DataKind.String, $"TIME(MILLIS{tutc})"),
                    TimeUnit.Micros => (LeafEncoding.TimeMicros, DataKind.String, $"TIME(MICROS{tutc})"),
                    _ => (LeafEncoding.TimeNanos, DataKind.String, $"TIME(NANOS{tutc})"),
                };
            case IntLogicalType integer:
                return (integer.BitWidth, integer.IsSigned) switch
                {
                    (8, true) => (LeafEncoding.Int8, DataKind.Integer, $"{name} (INT_8)"),
                    (8, false) => (LeafEncoding.UInt8, DataKind.Integer, $"{name} (UINT_8)"),
                    (16, true) => (LeafEncoding.Int16, DataKind.Integer, $"{name} (INT_16)"),
                    (16, false) => (LeafEncoding.UInt16, DataKind.Integer, $"{name} (UINT_16)"),
                    (32, false) => (LeafEncoding.UInt32, DataKind.Integer, $"{name} (UINT_32)"),
                    (64, false) => (LeafEncoding.UInt64, DataKind.Integer, $"{name} (UINT_64)"),
                    _ => (physical == PhysicalType.Int64 ? LeafEncoding.Int64 : LeafEncoding.Int32, DataKind.Integer, name),
                };
            case StringLogicalType or EnumLogicalType or JsonLogicalType when physical == PhysicalType.ByteArray:
                var tag = logical is EnumLogicalType ? "ENUM" : logical is JsonLogicalType ? "JSON" : "UTF8";
                return (LeafEncoding.Utf8, DataKind.String, $"BYTE_ARRAY ({tag})");
            case UuidLogicalType when physical == PhysicalType.FixedLenByteArray && descriptor.TypeLength == 16:
                return (LeafEncoding.Uuid, DataKind.String, "UUID");
            case Float16LogicalType when physical == PhysicalType.FixedLenByteArray && descriptor.TypeLength == 2:
                return (LeafEncoding.Float16, DataKind.Float, "FLOAT16");
            case IntervalLogicalType when physical == PhysicalType.FixedLenByteArray && descriptor.TypeLength == 12:
                return (LeafEncoding.Interval, DataKind.String, "INTERVAL");
            case BsonLogicalType:
                return (LeafEncoding.Bytes, DataKind.Binary, $"{name} (BSON)");
        }

        // Converted types only (old writers), then the physical type.
        switch (converted)
        {
            case ConvertedType.Interval when physical == PhysicalType.FixedLenByteArray && descriptor.TypeLength == 12:
                return (LeafEncoding.Interval, DataKind.String, "INTERVAL");
            case ConvertedType.UTF8 or ConvertedType.Enum or ConvertedType.Json when physical == PhysicalType.ByteArray:
                return (LeafEncoding.Utf8, DataKind.String, $"BYTE_ARRAY ({converted.ToString().ToUpperInvariant()})");
        }

        var unknown = unknownLogical ? " (unknown logical type, read as physical)" : string.Empty;
        return physical switch
        {
            PhysicalType.Boolean => (LeafEncoding.Boolean, DataKind.Boolean, "BOOLEAN"),
            PhysicalType.Int32 => (LeafEncoding.Int32, DataKind.Integer, "INT32" + unknown),
            PhysicalType.Int64 => (LeafEncoding.Int64, DataKind.Integer, "INT64" + unknown),
            PhysicalType.Int96 => (LeafEncoding.Int96, DataKind.Timestamp, "INT96"),
            PhysicalType.Float => (LeafEncoding.Float, DataKind.Float, "FLOAT"),
            PhysicalType.Double => (LeafEncoding.Double, DataKind.Float, "DOUBLE"),
            _ => (LeafEncoding.Bytes, DataKind.Binary, name + unknown),
        };
    }

    private static string PhysicalName(PhysicalType physical, int typeLength) => physical switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => $"FIXED_LEN_BYTE_ARRAY({typeLength})",
        _ => physical.ToString().ToUpperInvariant(),
    };
}
