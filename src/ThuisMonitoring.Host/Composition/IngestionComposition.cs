using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Host.Composition;

public static class IngestionComposition
{
    public static void AddDeviceIngestion(this WebApplicationBuilder builder) =>
        builder.Services.AddDeviceBroker(builder.Configuration);
}
