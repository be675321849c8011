namespace ThuisMonitoring.Domain.Protocols;

/// <summary>Traffic-light level of an evaluation: green within targets, orange call within the response time, red call at once.</summary>
public enum Level
{
    Green = 0,
    Orange = 1,
    Red = 2,
}

public static class LevelNames
{
    public static string ToCode(this Level level) => level switch
    {
        Level.Green => "green",
        Level.Orange => "orange",
        _ => "red",
    };

    /// <summary>The alert level of the HTTP contract: red is urgent, orange is a warning.</summary>
    public static string ToAlertCode(this Level level) => level == Level.Red ? "urgent" : "warning";
}
