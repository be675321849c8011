using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Forwarding;
using ThuisMonitoring.InfluxDb.Reading;

namespace ThuisMonitoring.InfluxDb;

public static class InfluxDbServiceCollectionExtensions
{
    /// <summary>
    /// InfluxDB as the time-series store (<c>TimeSeries:Provider</c> = InfluxDb): the client and schema from
    /// <c>TimeSeries:InfluxDb</c>, the forwarder that drains the embedded measurement store (an
    /// <see cref="Abstractions.Stores.IMeasurementJournal"/> must be registered) with its cursor and quarantine under
    /// <paramref name="dataDirectory"/>, and <see cref="ITimeSeriesReader"/> on InfluxQL, replacing any other reader.
    /// </summary>
    public static IServiceCollection AddInfluxDbTimeSeries(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var options = configuration.GetSection(InfluxDbOptions.Section).Get<InfluxDbOptions>() ?? new InfluxDbOptions();
        options.Validate();
        var backlog = configuration.GetSection(BacklogOptions.Section).Get<BacklogOptions>() ?? new BacklogOptions();
        return services.AddInfluxDbTimeSeries(options, backlog, dataDirectory);
    }

    /// <inheritdoc cref="AddInfluxDbTimeSeries(IServiceCollection, IConfiguration, string)"/>
    public static IServiceCollection AddInfluxDbTimeSeries(this IServiceCollection services, InfluxDbOptions options, BacklogOptions backlog, string dataDirectory)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(backlog);
        services.AddSingleton(sp => new InfluxDbClient(options, sp.GetRequiredService<ILogger<InfluxDbClient>>(), Time(sp)));
        services.AddSingleton<InfluxDbSchema>();
        services.AddSingleton(_ => new ForwarderCursor(Path.Combine(dataDirectory, ForwarderCursor.FileName)));
        services.TryAddSingleton<IJournalCursor>(sp => sp.GetRequiredService<ForwarderCursor>());
        services.AddSingleton(sp => new Quarantine(Path.Combine(dataDirectory, Quarantine.DirectoryName), Time(sp)));
        services.AddSingleton<InfluxDbForwarderStatus>();
        services.AddSingleton<ForwardingGate>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<InfluxDbForwarder>(sp, Time(sp)));
        services.Replace(ServiceDescriptor.Singleton<ITimeSeriesReader, InfluxTimeSeriesReader>());
        return services;
    }

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
