using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Web.Pages.Initiatives;

/// <summary>How statuses, severities and dates read on the initiative pages.</summary>
public static class InitiativeText
{
    public static string DisplayName(this InitiativeStatus status) => status switch
    {
        InitiativeStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    public static string BadgeClass(this InitiativeStatus status) => status switch
    {
        InitiativeStatus.InProgress => "text-bg-primary",
        InitiativeStatus.Done => "text-bg-success",
        InitiativeStatus.Dropped => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    public static string DisplayName(this ListInitiatives.StatusFilter filter) => filter switch
    {
        ListInitiatives.StatusFilter.Active => "Active (proposed or in progress)",
        ListInitiatives.StatusFilter.InProgress => "In progress",
        ListInitiatives.StatusFilter.Any => "Any status",
        _ => filter.ToString(),
    };

    public static string BadgeClass(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "text-bg-danger",
        AlertSeverity.High => "text-bg-warning",
        AlertSeverity.Medium => "text-bg-info",
        _ => "text-bg-secondary",
    };

    public static IEnumerable<SelectListItem> StatusOptions() =>
        Enum.GetValues<InitiativeStatus>().Select(s => new SelectListItem(s.DisplayName(), s.ToString()));

    /// <summary>Always UTC, always <c>yyyy-MM-dd</c> whatever the server's culture.</summary>
    public static string ToUtcDate(this DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
