namespace ServiceExcellence.Application.Alerts;

/// <summary>Absolute links into the staff app, for emails.</summary>
public interface IAppLinks
{
    string Alert(Guid alertId);
}
