using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ThuisMonitoring.Grains.Serialization;

/// <summary>
/// The pure domain carries no Orleans attributes: its records cross grain calls through Orleans-native surrogates
/// (<c>ThuisMonitoring.Grains.Contracts/Serialization/Surrogates</c>: a <c>[GenerateSerializer]</c> struct and a <c>[RegisterConverter]</c> per record,
/// found by Orleans' code generation), and the immutable ones are passed by reference inside the silo
/// (a <c>[RegisterCopier]</c> <see cref="Orleans.Serialization.Cloning.ShallowCopier{T}"/>). Domain exceptions travel
/// with Orleans' own exception codec (type, message), a refused protocol document with its errors. Every silo and
/// client of the platform registers this.
/// </summary>
public static class DomainSerialization
{
    public static IServiceCollection AddDomainSerialization(this IServiceCollection services)
    {
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("ThuisMonitoring."));
        return services.AddSerializer();
    }
}
