using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The patient list (<c>GET /api/patients</c>) answered compressed when the client accepts it (Brotli or gzip at
/// their fastest level: a browser always does): 10,000 rows are some 16 MB of JSON, about a tenth of that compressed.
/// Only this route: the hub and the other answers are untouched. Also over HTTPS: the list reflects nothing of the
/// request and carries no secret (no token, no cookie), which is what a BREACH-style attack needs.
/// </summary>
public static class PatientListCompression
{
    public static IServiceCollection AddPatientListCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UsePatientListCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsTheList, branch => branch.UseResponseCompression());

    private static bool IsTheList(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals("/api/patients", StringComparison.OrdinalIgnoreCase);
}
