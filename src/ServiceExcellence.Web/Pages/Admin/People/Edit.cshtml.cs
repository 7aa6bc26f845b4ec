using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.People;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.People;

/// <summary>Changes a person's name, role or active state.</summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public EditPerson.Command Input { get; set; } = new();

    public string Email { get; private set; } = string.Empty;

    public bool IsSelf { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var form = await mediator.Send(new EditPerson.Query(id), cancellationToken);
        (Input, Email, IsSelf) = (form.Command, form.Email, form.IsSelf);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = $"{Input.Name} saved.";
        return RedirectToPage("Index");
    }

    /// <summary>When the form is shown again with errors, what it shows but does not post.</summary>
    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        var id = Guid.Parse(Convert.ToString(RouteData.Values["id"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        var form = await mediator.Send(new EditPerson.Query(id), cancellationToken);
        (Email, IsSelf) = (form.Email, form.IsSelf);
    }
}
