using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Scoring.PublicApi.Tests;

/// <summary>
/// The public surface of an assembly as text: what a consumer can see and call, one line per type and per member
/// (constructors, methods, operators, property and event accessors, fields, enum values), with C#-like signatures,
/// parameter names, default values, nullable reference annotations, and the <c>[Obsolete]</c>/<c>[Experimental]</c>
/// markers. Types are in ordinal order of their full names; each type's line comes first, then its members in ordinal
/// order. Protected members count when a consumer can derive from the type. The same assembly always gives the same
/// text, so it can be compared with a checked-in baseline.
/// </summary>
/// <remarks>
/// What it does not show: attributes other than the two markers, the names of tuple elements, nullable annotations
/// inside base types and interfaces, <c>scoped</c> and
/// <c>ref readonly</c> parameters, <c>notnull</c>/<c>unmanaged</c> constraints. None of them occur in the packages
/// today; a change to one of them alone passes unnoticed.
/// </remarks>
internal static class PublicSurface
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(char)] = "char",
    };

    /// <summary>The lines of <paramref name="assembly"/>'s public surface.</summary>
    public static IReadOnlyList<string> Of(Assembly assembly) => Of(assembly.GetExportedTypes());

    /// <summary>The lines of the public surface of <paramref name="types"/> (each a public type).</summary>
    public static IReadOnlyList<string> Of(IEnumerable<Type> types)
    {
        var nullability = new NullabilityInfoContext();
        var lines = new List<string>();
        foreach (var type in types.OrderBy(t => Name(t) + GenericParameters(t), StringComparer.Ordinal))
        {
            lines.Add(Markers(type) + Declaration(type));
            var members = new List<string>();
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                    members.Add($"{Markers(field)}{Name(type)}.{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}");
            }
            else if (!IsDelegate(type))
            {
                foreach (var member in type.GetMembers(Declared))
                    members.AddRange(Member(type, member, nullability));
            }
            members.Sort(StringComparer.Ordinal);
            lines.AddRange(members);
        }
        return lines;
    }

    private static string Declaration(Type type)
    {
        if (type.IsEnum)
            return $"enum {Name(type)}" + (Enum.GetUnderlyingType(type) == typeof(int) ? "" : $" : {Name(Enum.GetUnderlyingType(type))}");
        if (IsDelegate(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            var context = new NullabilityInfoContext();
            return $"delegate {Name(type)}{GenericParameters(type)}({Parameters(invoke, context)}) -> {ReturnType(invoke, context)}{Constraints(type.GetGenericArguments())}";
        }
        string kind;
        if (type.IsInterface)
            kind = "interface";
        else if (type.IsValueType)
            kind = (type.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly " : "") + (type.IsByRefLike ? "ref " : "") + (IsRecord(type) ? "record struct" : "struct");
        else if (type.IsAbstract && type.IsSealed)
            kind = "static class";
        else
            kind = (type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "") + (IsRecord(type) ? "record" : "class");

        var bases = new List<string>();
        if (type.IsClass && type.BaseType is { } baseType && baseType != typeof(object))
            bases.Add(TypeName(baseType, null, ReadOrWrite.Read));
        bases.AddRange(type.GetInterfaces().Where(i => i.IsVisible).Select(i => TypeName(i, null, ReadOrWrite.Read)).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}{GenericParameters(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "") + Constraints(type.GetGenericArguments());
    }

    private static IEnumerable<string> Member(Type type, MemberInfo member, NullabilityInfoContext nullability)
    {
        string owner = Name(type) + GenericParameters(type, variance: false);
        switch (member)
        {
            case ConstructorInfo constructor when Visible(type, constructor):
                yield return $"{Markers(constructor)}{(constructor.IsStatic ? "static " : "")}{owner}.{SimpleName(type)}({Parameters(constructor, nullability)}) -> void";
                break;
            case MethodInfo method when Visible(type, method) && !method.Name.Contains('<') && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)):
                yield return $"{Markers(method)}{Modifiers(type, method)}{owner}.{method.Name}{GenericParameters(method)}({Parameters(method, nullability)}) -> {ReturnType(method, nullability)}{Constraints(method.IsGenericMethod ? method.GetGenericArguments() : [])}";
                break;
            case PropertyInfo property:
            {
                string name = property.GetIndexParameters().Length > 0
                    ? $"this[{Parameters(property.GetMethod ?? property.SetMethod!, nullability, property.GetIndexParameters().Length)}]"
                    : property.Name;
                string propertyType = TypeName(property.PropertyType, nullability.Create(property), ReadOrWrite.Read);
                if (property.GetMethod is { } getter && Visible(type, getter))
                    yield return $"{Markers(property)}{Modifiers(type, getter)}{owner}.{name}.get -> {propertyType}";
                if (property.SetMethod is { } setter && Visible(type, setter))
                {
                    bool init = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                    yield return $"{Markers(property)}{Modifiers(type, setter)}{(property.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "")}{owner}.{name}.{(init ? "init" : "set")} -> void";
                }
                break;
            }
            case EventInfo @event when @event.AddMethod is { } add && Visible(type, add):
                yield return $"{Markers(@event)}{Modifiers(type, add)}event {owner}.{@event.Name} -> {TypeName(@event.EventHandlerType!, nullability.Create(@event), ReadOrWrite.Read)}";
                break;
            case FieldInfo field when Visible(type, field) && !field.Name.Contains('<'):
            {
                string modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
                string value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue(), field.FieldType) : "";
                yield return $"{Markers(field)}{modifiers}{owner}.{field.Name}{value} -> {TypeName(field.FieldType, nullability.Create(field), ReadOrWrite.Read)}";
                break;
            }
            // Nested public types have lines of their own; other members are not visible.
        }
    }

    /// <summary>Public, or protected in a type a consumer can derive from.</summary>
    private static bool Visible(Type type, MethodBase method) =>
        method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !type.IsSealed);

    private static bool Visible(Type type, FieldInfo field) =>
        field.IsPublic || ((field.IsFamily || field.IsFamilyOrAssembly) && !type.IsSealed);

    private static string Modifiers(Type type, MethodInfo method)
    {
        var modifiers = new StringBuilder();
        if (!method.IsPublic)
            modifiers.Append("protected ");
        if (method.IsStatic)
            modifiers.Append("static ");
        if (type.IsInterface)
        {
            if (method.IsStatic && method.IsAbstract)
                modifiers.Append("abstract ");
            else if (!method.IsStatic && !method.IsAbstract)
                modifiers.Append("virtual "); // a default implementation: removing it breaks implementers
            return modifiers.ToString();
        }
        bool overrides = method.IsVirtual && method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (method.IsAbstract)
            modifiers.Append("abstract ");
        else if (overrides)
            modifiers.Append(method.IsFinal ? "sealed override " : "override ");
        else if (method.IsVirtual && !method.IsFinal)
            modifiers.Append("virtual ");
        return modifiers.ToString();
    }

    private static string Markers(MemberInfo member)
    {
        var markers = new StringBuilder();
        foreach (var attribute in member.GetCustomAttributesData())
        {
            if (attribute.AttributeType == typeof(ObsoleteAttribute))
                markers.Append("[Obsolete] ");
            else if (attribute.AttributeType == typeof(ExperimentalAttribute))
                markers.Append($"[Experimental(\"{attribute.ConstructorArguments[0].Value}\")] ");
        }
        return markers.ToString();
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability, int count = int.MaxValue)
    {
        bool extension = method.IsDefined(typeof(ExtensionAttribute));
        var parameters = method.GetParameters().Take(count).Select((p, i) => Parameter(p, nullability, extension && i == 0));
        return string.Join(", ", parameters);
    }

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability, bool @this)
    {
        var text = new StringBuilder();
        if (@this)
            text.Append("this ");
        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            text.Append(parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ");
            type = type.GetElementType()!;
        }
        if (parameter.IsDefined(typeof(ParamArrayAttribute)) || parameter.IsDefined(typeof(ParamCollectionAttribute)))
            text.Append("params ");
        text.Append(TypeName(type, nullability.Create(parameter), ReadOrWrite.Write)).Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
            text.Append(" = ").Append(Literal(parameter.RawDefaultValue, type));
        return text.ToString();
    }

    private static string ReturnType(MethodInfo method, NullabilityInfoContext nullability)
    {
        var type = method.ReturnType;
        string prefix = "";
        if (type.IsByRef)
        {
            prefix = method.ReturnParameter.IsDefined(typeof(IsReadOnlyAttribute)) ? "ref readonly " : "ref ";
            type = type.GetElementType()!;
        }
        return prefix + TypeName(type, nullability.Create(method.ReturnParameter), ReadOrWrite.Read);
    }

    private static string Literal(object? value, Type type) => value switch
    {
        null => Nullable.GetUnderlyingType(type) is null && type.IsValueType ? "default" : "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        char c => $"'{c}'",
        _ when (Nullable.GetUnderlyingType(type) ?? type).IsEnum => $"({Name(Nullable.GetUnderlyingType(type) ?? type)}){Convert.ToString(value, CultureInfo.InvariantCulture)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private enum ReadOrWrite
    {
        Read,
        Write,
    }

    /// <summary>A type as C# writes it, with <c>?</c> on nullable reference types (as read, or as written for parameters).</summary>
    private static string TypeName(Type type, NullabilityInfo? nullability, ReadOrWrite access)
    {
        if (type.IsByRef)
            return TypeName(type.GetElementType()!, nullability, access);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault(), access) + "?";
        string name;
        if (type.IsArray)
            name = TypeName(type.GetElementType()!, nullability?.ElementType, access) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        else if (type.IsPointer)
            name = TypeName(type.GetElementType()!, null, access) + "*";
        else if (type.IsGenericParameter)
            name = type.Name;
        else if (Keywords.TryGetValue(type, out var keyword))
            name = keyword;
        else if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
                 || type.IsConstructedGenericType && type.GetGenericTypeDefinition().FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            var elements = type.GetGenericArguments().Select((a, i) => TypeName(a, Argument(nullability, i), access));
            name = "(" + string.Join(", ", elements) + ")";
        }
        else if (type.IsConstructedGenericType)
        {
            var arguments = type.GetGenericArguments();
            name = Name(type.GetGenericTypeDefinition()) + "<" +
                   string.Join(", ", arguments.Select((a, i) => TypeName(a, Argument(nullability, i), access))) + ">";
        }
        else
        {
            name = Name(type);
        }
        var state = access == ReadOrWrite.Read ? nullability?.ReadState : nullability?.WriteState;
        if (!type.IsValueType && state == NullabilityState.Nullable)
            name += "?";
        return name;
    }

    private static NullabilityInfo? Argument(NullabilityInfo? nullability, int index) =>
        nullability is not null && index < nullability.GenericTypeArguments.Length ? nullability.GenericTypeArguments[index] : null;

    /// <summary>The full name of a type definition without its own generic parameters: namespace and declaring types.</summary>
    private static string Name(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;
        string simple = SimpleName(type);
        string name = type.DeclaringType is { } declaring
            ? Name(declaring) + GenericParameters(declaring) + "." + simple
            : (string.IsNullOrEmpty(type.Namespace) ? "" : type.Namespace + ".") + simple;
        return name;
    }

    private static string SimpleName(Type type)
    {
        int tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    /// <summary>The type's own generic parameters (not its declaring type's), e.g. <c>&lt;TRow&gt;</c>.</summary>
    private static string GenericParameters(Type type, bool variance = true)
    {
        if (!type.IsGenericTypeDefinition && !type.IsGenericType)
            return "";
        int inherited = type.DeclaringType?.GetGenericArguments().Length ?? 0;
        var own = type.GetGenericArguments().Skip(inherited).ToArray();
        return own.Length == 0 ? "" : "<" + string.Join(", ", own.Select(p => variance ? Variance(p) : p.Name)) + ">";
    }

    private static string GenericParameters(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Variance(Type parameter) =>
        (parameter.GenericParameterAttributes & GenericParameterAttributes.VarianceMask) switch
        {
            GenericParameterAttributes.Covariant => "out " + parameter.Name,
            GenericParameterAttributes.Contravariant => "in " + parameter.Name,
            _ => parameter.Name,
        };

    private static string Constraints(Type[] parameters)
    {
        var text = new StringBuilder();
        foreach (var parameter in parameters.Where(p => p.IsGenericParameter))
        {
            var constraints = new List<string>();
            var attributes = parameter.GenericParameterAttributes;
            bool isStruct = attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint);
            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
                constraints.Add("class");
            if (isStruct)
                constraints.Add("struct");
            constraints.AddRange(parameter.GetGenericParameterConstraints()
                .Where(c => !(isStruct && c == typeof(ValueType)))
                .Select(c => TypeName(c, null, ReadOrWrite.Read))
                .Order(StringComparer.Ordinal));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !isStruct)
                constraints.Add("new()");
            if (constraints.Count > 0)
                text.Append($" where {parameter.Name} : {string.Join(", ", constraints)}");
        }
        return text.ToString();
    }

    private static bool IsDelegate(Type type) => type.IsSubclassOf(typeof(MulticastDelegate));

    private static bool IsRecord(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(StringBuilder)]) is { } printMembers
        && printMembers.IsDefined(typeof(CompilerGeneratedAttribute));
}
