using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.AlertRules;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Web.Pages.Admin.AlertRules;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListAlertRules.Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Groups = await mediator.Send(new ListAlertRules.Query(), cancellationToken);

    public static string BadgeOf(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "text-bg-danger",
        AlertSeverity.High => "text-bg-warning",
        AlertSeverity.Medium => "text-bg-info",
        _ => "text-bg-secondary",
    };

    /// <summary>“4 h”, or whole days from two days up: “3 days”.</summary>
    public static string Duration(int hours) => hours >= 48 && hours % 24 == 0 ? $"{hours / 24} days" : $"{hours} h";
}
