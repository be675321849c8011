using System.Reflection;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Grains.Tests.Serialization;

/// <summary>
/// Every type that crosses a grain call of the platform: the parameters and results of every grain interface, the
/// types of their properties, elements and type arguments (recursively), and the exceptions a call may end with
/// (every exception of the domain and of the grain contracts).
/// </summary>
public static class GrainMessageTypes
{
    public static IReadOnlyList<Type> GrainInterfaces { get; } = typeof(IPatientGrain).Assembly.GetTypes()
        .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    public static IReadOnlyList<Type> All { get; } = Collect();

    /// <summary>The platform's own types among <see cref="All"/> (the framework's are Orleans' business).</summary>
    public static IEnumerable<Type> Own => All.Where(IsOwn);

    public static bool IsOwn(Type type) => type.Namespace?.StartsWith("ThuisMonitoring.", StringComparison.Ordinal) == true;

    private static Type[] Collect()
    {
        var found = new HashSet<Type>();
        foreach (var method in GrainInterfaces.SelectMany(i => i.GetMethods()))
        {
            Visit(method.ReturnType, found);
            foreach (var parameter in method.GetParameters())
            {
                Visit(parameter.ParameterType, found);
            }
        }

        var exceptions = typeof(Episode).Assembly.GetTypes().Concat(typeof(IPatientGrain).Assembly.GetTypes())
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(Exception).IsAssignableFrom(t));
        foreach (var exception in exceptions)
        {
            Visit(exception, found);
        }

        return found.OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();
    }

    private static void Visit(Type type, HashSet<Type> found)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            Visit(type.GetGenericArguments()[0], found);
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Visit(underlying, found);
            return;
        }

        if (type.IsArray)
        {
            Visit(type.GetElementType()!, found);
            return;
        }

        if (!found.Add(type))
        {
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Visit(argument, found);
        }

        if (!IsOwn(type) || type.IsEnum)
        {
            return;
        }

        var declaredOnly = typeof(Exception).IsAssignableFrom(type) ? BindingFlags.DeclaredOnly : BindingFlags.Default;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | declaredOnly))
        {
            Visit(property.PropertyType, found);
        }
    }
}
