using System.Reflection;
using System.Reflection.Emit;

namespace Expectations.Tests.Kernels;

/// <summary>Reads the members a method's IL refers to (call, field and type tokens), so a test can see what a kernel touches.</summary>
internal static class IlReferences
{
    private static readonly (OpCode[] OneByte, OpCode[] TwoByte) OpCodeTable = BuildOpCodeTable();

    /// <summary>Every type, method and field token in <paramref name="method"/>'s IL, and its locals' types.</summary>
    public static IEnumerable<MemberInfo> Of(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            return [];
        }

        var members = new List<MemberInfo>(body.LocalVariables.Select(l => l.LocalType));
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var il = body.GetILAsByteArray() ?? [];
        var i = 0;
        while (i < il.Length)
        {
            var op = il[i] == 0xFE ? OpCodeTable.TwoByte[il[i + 1]] : OpCodeTable.OneByte[il[i]];
            i += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    members.Add(method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    i += 4;
                    break;
            }
        }

        return members;
    }

    private static (OpCode[] OneByte, OpCode[] TwoByte) BuildOpCodeTable()
    {
        var one = new OpCode[256];
        var two = new OpCode[256];
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            var value = (ushort)op.Value;
            if (op.Size == 1)
            {
                one[value] = op;
            }
            else
            {
                two[value & 0xFF] = op;
            }
        }

        return (one, two);
    }
}
