using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Web.Pages.Alerts;

/// <summary>The alert queues: mine, each of my teams', and all I may see. Overdue first, then by priority.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListAlerts.Scope Scope { get; set; } = ListAlerts.Scope.All;

    [BindProperty(SupportsGet = true)]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public ListAlerts.StatusFilter Status { get; set; } = ListAlerts.StatusFilter.Open;

    [BindProperty(SupportsGet = true)]
    public AlertSeverity? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ClientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ServiceLineId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public PagedList<ListAlerts.Row> Alerts { get; private set; } = default!;
    public IReadOnlyList<ListQueues.Queue> Queues { get; private set; } = [];
    public IReadOnlyList<Option> Clients { get; private set; } = [];
    public IReadOnlyList<Option> ServiceLines { get; private set; } = [];

    public string Heading => Scope switch
    {
        ListAlerts.Scope.Mine => "My alerts",
        ListAlerts.Scope.Team => Queues.FirstOrDefault(q => q.TeamId == TeamId)?.Team ?? "Team queue",
        _ => "All alerts",
    };

    // "page" is also the route value that names the Razor Page, so the page number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (!ModelState.IsValid)
        {
            // Unreadable filters in a hand-edited address fall back to the defaults rather than an error.
            (Scope, TeamId, Status, Severity, ClientId, ServiceLineId, Overdue) = (ListAlerts.Scope.All, null, ListAlerts.StatusFilter.Open, null, null, null, false);
        }

        if (Scope == ListAlerts.Scope.Team && TeamId is null)
        {
            Scope = ListAlerts.Scope.All;
        }

        Queues = await mediator.Send(new ListQueues.Query(), cancellationToken);
        Alerts = await mediator.Send(new ListAlerts.Query(Scope, TeamId, Status, Severity, ClientId, ServiceLineId, Overdue, pageNumber), cancellationToken);
        Clients = await mediator.Send(new GetOptions.Clients(), cancellationToken);
        ServiceLines = await mediator.Send(new GetOptions.ServiceLines(), cancellationToken);
    }
}
