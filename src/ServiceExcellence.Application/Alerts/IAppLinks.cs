namespace ServiceExcellence.Application.Alerts;

/// <summary>Absolute links into the staff app, for emails.</summary>
public interface IAppLinks
{
    string Alert(Guid alertId);

    /// <summary>An invocation on the president's guarantee desk.</summary>
    string Guarantee(Guid invocationId);
}
