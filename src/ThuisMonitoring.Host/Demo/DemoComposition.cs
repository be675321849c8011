using ThuisMonitoring.Host.Composition;

namespace ThuisMonitoring.Host.Demo;

public static class DemoComposition
{
    /// <summary>With <c>Demo:Enabled</c>, seeds a demo region through the API and drives simulated devices.</summary>
    public static void AddDemo(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (site.DemoEnabled)
        {
            builder.Services.AddSingleton(site);
            builder.Services.AddHostedService<DemoDriver>();
        }
    }
}
