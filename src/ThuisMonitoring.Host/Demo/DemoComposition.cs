using ThuisMonitoring.Host.Composition;

namespace ThuisMonitoring.Host.Demo;

public static class DemoComposition
{
    /// <summary>
    /// With <c>Demo:Enabled</c>, seeds a demo region through the API and drives simulated devices. Unless an admin
    /// password is configured, the demo uses a known one (demo mode binds to loopback only).
    /// </summary>
    public static void AddDemo(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (!site.DemoEnabled)
        {
            return;
        }

        if (string.IsNullOrEmpty(builder.Configuration["Auth:AdminPassword"]))
        {
            builder.Configuration["Auth:AdminPassword"] = DemoDriver.DefaultAdminPassword;
        }

        builder.Services.AddSingleton(site);
        builder.Services.AddHostedService<DemoDriver>();
    }
}
