using System.Reflection;
using System.Reflection.Emit;

namespace Nabla.Tests.Fuzzing;

/// <summary>
/// Calls any method or constructor with boxed arguments, including parameters of type
/// <see cref="ReadOnlySpan{T}"/> or <see cref="Span{T}"/> (passed boxed as a <c>T[]</c>), which
/// <see cref="MethodBase.Invoke(object?, object?[])"/> cannot do. Exceptions propagate unwrapped,
/// with the library's own frames on top of the stack trace. A by-ref-like result comes back null.
/// </summary>
internal static class Invoker
{
    public delegate object? Call(object? receiver, object?[] args);

    public static bool IsSpan(Type t) => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || t.GetGenericTypeDefinition() == typeof(Span<>));

    /// <summary>The type a caller supplies for a parameter: the element array for spans, the type itself otherwise.</summary>
    public static Type Supplied(Type t) => IsSpan(t) ? t.GetGenericArguments()[0].MakeArrayType() : t;

    /// <summary>False for methods no boxed call can reach (by-ref or pointer parameters, other ref structs).</summary>
    public static bool CanCall(MethodBase m) =>
        !m.ContainsGenericParameters && m.GetParameters().All(p => !p.ParameterType.IsByRef && !p.ParameterType.IsPointer && (!p.ParameterType.IsByRefLike || IsSpan(p.ParameterType)));

    public static Call Compile(MethodBase method)
    {
        var dm = new DynamicMethod("fuzz_" + method.Name, typeof(object), [typeof(object), typeof(object[])], typeof(Invoker).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        if (method is MethodInfo { IsStatic: false } mi)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Castclass, mi.DeclaringType!);
        }
        var ps = method.GetParameters();
        for (int i = 0; i < ps.Length; i++)
        {
            var t = ps[i].ParameterType;
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            if (IsSpan(t))
            {
                var array = Supplied(t);
                il.Emit(OpCodes.Castclass, array);
                il.Emit(OpCodes.Call, t.GetMethod("op_Implicit", [array])!);
            }
            else if (t.IsValueType) il.Emit(OpCodes.Unbox_Any, t);
            else il.Emit(OpCodes.Castclass, t);
        }
        Type result;
        if (method is ConstructorInfo ci)
        {
            il.Emit(OpCodes.Newobj, ci);
            result = ci.DeclaringType!;
        }
        else
        {
            var m = (MethodInfo)method;
            il.Emit(m.IsStatic || m.DeclaringType!.IsValueType ? OpCodes.Call : OpCodes.Callvirt, m);
            result = m.ReturnType;
        }
        if (result == typeof(void)) il.Emit(OpCodes.Ldnull);
        else if (result.IsByRefLike) { il.Emit(OpCodes.Pop); il.Emit(OpCodes.Ldnull); }
        else if (result.IsValueType) il.Emit(OpCodes.Box, result);
        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<Call>();
    }
}
