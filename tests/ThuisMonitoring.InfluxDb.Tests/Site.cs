using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.InfluxDb.Forwarding;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// The time-series part of a host: embedded stores under a data directory, and with an InfluxDB URL also the
/// forwarder and the InfluxDB reader, composed and started as the host does. Disposing is a shutdown; opening the
/// same directory again is a restart.
/// </summary>
public sealed class Site : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private Site(ServiceProvider services) => _services = services;

    public IMeasurementStore Measurements => _services.GetRequiredService<IMeasurementStore>();

    public IMeasurementJournal Journal => _services.GetRequiredService<IMeasurementJournal>();

    public IMeasurementFlags Flags => _services.GetRequiredService<IMeasurementFlags>();

    public ITimeSeriesReader Reader => _services.GetRequiredService<ITimeSeriesReader>();

    public InfluxDbForwarderStatus Forwarder => _services.GetRequiredService<InfluxDbForwarderStatus>();

    public static InfluxDbOptions QuickOptions(string url, string database) => new()
    {
        Url = url,
        Database = database,
        FlushInterval = TimeSpan.FromMilliseconds(100),
        OutagePause = TimeSpan.FromMilliseconds(100),
        MaxOutagePause = TimeSpan.FromMilliseconds(500),
        MaxRetryAttempts = 2,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<Site> OpenAsync(string dataDirectory, InfluxDbOptions? influx = null, BacklogOptions? backlog = null, HttpMessageHandler? handler = null, CapturedLog? log = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (log is not null)
                {
                    logging.AddProvider(log);
                }
            })
            .AddEmbeddedStores(dataDirectory)
            .AddEmbeddedTimeSeries();
        if (influx is not null)
        {
            services.AddInfluxDbTimeSeries(influx, backlog ?? new BacklogOptions(), dataDirectory);
            if (handler is not null)
            {
                services.AddSingleton(sp => new Client.InfluxDbClient(influx, sp.GetRequiredService<ILogger<Client.InfluxDbClient>>(), null, handler));
            }
        }

        var site = new Site(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
        foreach (var hosted in site._services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            site._started.Add(hosted);
        }

        return site;
    }

    /// <summary>Waits until InfluxDB acknowledged everything stored so far.</summary>
    public async Task DrainedAsync(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (await Journal.CountAfterAsync(Forwarder.AcknowledgedSequence, CancellationToken.None) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The forwarder is at {Forwarder.AcknowledgedSequence}, backlog {Forwarder.Backlog}; last error: {Forwarder.LastError}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
