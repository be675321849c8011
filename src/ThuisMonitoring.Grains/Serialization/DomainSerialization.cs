using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ThuisMonitoring.Grains.Serialization;

/// <summary>
/// The pure domain carries no Orleans attributes: its records cross grain calls as System.Text.Json.
/// Every silo and client of the platform registers this.
/// </summary>
public static class DomainSerialization
{
    public static IServiceCollection AddDomainSerialization(this IServiceCollection services)
    {
        // JSON cannot write exceptions: Orleans' own exception codec carries domain exceptions (type, message) instead.
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("ThuisMonitoring."));
        return services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsDomainType));
    }

    public static bool IsDomainType(Type type) =>
        type.Namespace?.StartsWith("ThuisMonitoring.Domain", StringComparison.Ordinal) == true
        && !typeof(Exception).IsAssignableFrom(type);
}
