"""PyNEST simulation control, kernel status, information functions (version, messages, verbosity,
help, helpdesk), MPI queries and the network tree of subnets."""
import webbrowser

import pytest

import nest
from nest.hl_api.helpers import NESTDeprecationWarning

# deprecated 2.x functions are used on purpose; tests that check the warning use pytest.warns
pytestmark = pytest.mark.filterwarnings("ignore::nest.hl_api.helpers.NESTDeprecationWarning")


@pytest.fixture(autouse=True)
def fresh_kernel():
    nest.hl_api.helpers._shown_deprecations.clear()
    nest.ResetKernel()
    yield
    nest.ResetKernel()


def test_export_list_of_the_reference_is_complete():
    exported = ("BeginSubnet CGConnect CGParse CGSelectImplementation ChangeSubnet Cleanup Connect "
                "ConnectionRules CopyModel Create CurrentSubnet DataConnect "
                "DisableStructuralPlasticity Disconnect DisconnectOneToOne "
                "EnableStructuralPlasticity EndSubnet GetChildren GetConnections GetDefaults "
                "GetKernelStatus GetLeaves GetLID GetNetwork GetNodes GetStatus "
                "GetStructuralPlasticityStatus Install LayoutNetwork Models NumProcesses Prepare "
                "PrintNetwork Rank ResetKernel ResetNetwork Run RunManager SetAcceptableLatency "
                "SetDefaults SetKernelStatus SetMaxBuffered SetStatus SetStructuralPlasticityStatus "
                "Simulate authors get_verbosity help helpdesk message set_verbosity sysinfo "
                "version").split()
    missing = [name for name in exported if not callable(getattr(nest, name, None))]
    assert missing == []
    assert set(exported) <= set(nest.__all__)


# -- simulation control ------------------------------------------------------------------------------

def test_simulate_advances_time_and_accepts_ints():
    nest.Simulate(10.0)
    nest.Simulate(5)
    assert nest.GetKernelStatus("time") == 15.0


@pytest.mark.parametrize("t, message", [(-1.0, "cannot be negative"),
                                        (0.05, "multiple of the simulation resolution")])
def test_simulate_rejects_bad_times(t, message):
    with pytest.raises(nest.NESTErrors.BadParameter, match=message):
        nest.Simulate(t)


def test_prepare_run_cleanup_equal_one_simulate():
    def spikes(run):
        nest.ResetKernel()
        n = nest.Create("iaf_psc_alpha", params={"I_e": 500.0})
        sd = nest.Create("spike_detector")
        nest.Connect(n, sd)
        run()
        return list(nest.GetStatus(sd, "events")[0]["times"])

    def in_pieces():
        nest.Prepare()
        for _ in range(4):
            nest.Run(25.0)
        nest.Cleanup()

    def managed():
        with nest.RunManager():
            nest.Run(60.0)
            nest.Run(40.0)

    reference = spikes(lambda: nest.Simulate(100.0))
    assert len(reference) > 3
    assert spikes(in_pieces) == reference
    assert spikes(managed) == reference


def test_run_and_cleanup_need_prepare():
    with pytest.raises(nest.NESTErrors.KernelException, match="Run called without calling Prepare"):
        nest.Run(10.0)
    with pytest.raises(nest.NESTErrors.KernelException, match="Cleanup called without calling Prepare"):
        nest.Cleanup()
    nest.Prepare()
    with pytest.raises(nest.NESTErrors.KernelException, match="Prepare called twice"):
        nest.Prepare()
    nest.Cleanup()


def test_reset_kernel_removes_nodes_and_restores_kernel_defaults():
    nest.SetKernelStatus({"resolution": 0.5})
    nest.Create("iaf_psc_alpha", 3)
    nest.Simulate(10.0)
    nest.ResetKernel()
    assert nest.GetKernelStatus(["resolution", "time", "network_size"]) == (0.1, 0.0, 1)


def test_reset_network_restores_node_state_but_keeps_time():
    n = nest.Create("iaf_psc_alpha", params={"I_e": 300.0})
    nest.Simulate(20.0)
    assert nest.GetStatus(n, "V_m")[0] > -70.0
    with pytest.warns(NESTDeprecationWarning):
        nest.ResetNetwork()
    assert nest.GetStatus(n, ["V_m", "I_e"]) == ((-70.0, 300.0),)
    assert nest.GetKernelStatus("time") == 20.0


def test_kernel_status_dict_keys_and_values():
    status = nest.GetKernelStatus()
    for key in ("resolution", "time", "min_delay", "max_delay", "local_num_threads",
                "total_num_virtual_procs", "rng_seeds", "data_path", "dict_miss_is_error"):
        assert key in status
    for node_key in ("global_id", "parent", "local_id", "model"):  # root-node bookkeeping removed
        assert node_key not in status
    assert nest.GetKernelStatus("resolution") == 0.1
    assert nest.GetKernelStatus(["resolution", "local_num_threads"]) == (0.1, 1)
    with pytest.raises(KeyError):
        nest.GetKernelStatus("no_such_key")
    with pytest.raises(TypeError):
        nest.GetKernelStatus(3)


def test_set_kernel_status_validates():
    nest.SetKernelStatus({"resolution": 0.2, "print_time": False})
    assert nest.GetKernelStatus("resolution") == 0.2
    with pytest.raises(nest.NESTErrors.DictError, match="no_such_key"):
        nest.SetKernelStatus({"no_such_key": 1})
    with pytest.raises(nest.NESTErrors.TypeMismatch):
        nest.SetKernelStatus({"resolution": 1})
    with pytest.raises(TypeError):
        nest.SetKernelStatus("resolution")


def test_single_process_rank_and_size():
    assert nest.Rank() == 0
    assert nest.NumProcesses() == 1
    nest.hl_api.SyncProcesses()


@pytest.mark.parametrize("call", [
    lambda: nest.EnableStructuralPlasticity(),
    lambda: nest.DisableStructuralPlasticity(),
], ids=["enable", "disable"])
@pytest.mark.xfail(strict=True, raises=nest.NESTErrors.DictError,
                   reason="structural plasticity is not in the kernel yet")
def test_structural_plasticity_switches(call):
    call()


def test_structural_plasticity_status_round_trips():
    nest.SetStructuralPlasticityStatus({"structural_plasticity_update_interval": 500})
    status = nest.GetStructuralPlasticityStatus()
    assert status["structural_plasticity_update_interval"] == 500
    assert nest.GetStructuralPlasticityStatus("structural_plasticity_update_interval") == 500


def test_music_and_module_commands_are_refused_in_this_build():
    # no MUSIC and no dynamically loadable modules: like a reference build without them
    with pytest.raises(nest.NESTError):
        nest.SetAcceptableLatency("in_port", 1.0)
    with pytest.raises(nest.NESTError):
        nest.SetMaxBuffered("in_port", 10)
    with pytest.raises(nest.NESTErrors.DynamicModuleManagementError, match="cannot be loaded"):
        nest.Install("mymodule")


# -- information ----------------------------------------------------------------------------------

def test_version_authors_sysinfo(capsys):
    assert nest.version().startswith("NEST ")
    nest.authors()
    nest.sysinfo()
    out = capsys.readouterr().out
    assert "NEST" in out and "System information" in out


def test_verbosity_filters_messages(capsys):
    nest.set_verbosity("M_INFO")
    assert nest.get_verbosity() == 10
    nest.message(20, "pynest-test", "shown at M_INFO")
    nest.set_verbosity("M_ERROR")
    assert nest.get_verbosity() == 30
    nest.message(20, "pynest-test", "hidden at M_ERROR")
    nest.set_verbosity(10)
    out = capsys.readouterr().out
    assert "shown at M_INFO" in out and "pynest-test" in out
    assert "hidden at M_ERROR" not in out
    with pytest.raises(ValueError):
        nest.set_verbosity("M_LOUD")


def test_help_shows_model_documentation(capsys):
    nest.help("iaf_psc_alpha")
    text = capsys.readouterr().out
    assert text.startswith("Name: iaf_psc_alpha") and "tau_m" in text
    assert nest.help("iaf_neuron", return_text=True).startswith("Name: iaf_neuron")
    assert "Create" in nest.help(nest.Create, return_text=True)
    nest.help()
    assert "nest.help(" in capsys.readouterr().out
    # SLI commands show the page of SLI's help: synopsis and the variants of overloaded commands
    page = nest.help("Simulate", return_text=True)
    assert page.startswith("Name: Simulate\nSynopsis: ") and "doubletype" in page
    assert nest.help("add", return_text=True).startswith("Name: add\nSynopsis: a b -> c")
    with pytest.raises(nest.NESTError, match="No help available"):
        nest.help("no_such_thing")


def test_help_uses_the_given_pager(monkeypatch):
    calls = []

    def fake_run(cmd, input=None, check=False):
        calls.append((cmd, input))

    import subprocess

    monkeypatch.setattr(subprocess, "run", fake_run)
    nest.help("iaf_psc_alpha", pager="less")
    assert calls and calls[0][0] == ["less"] and b"iaf_psc_alpha" in calls[0][1]


def test_helpdesk_writes_an_index_and_opens_the_browser(monkeypatch):
    opened = []

    class FakeBrowser:
        def open(self, url):
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda name=None: FakeBrowser())
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    path = nest.helpdesk(browser="firefox")
    assert opened == ["file://" + path]
    html = open(path, encoding="utf-8").read()
    for name in ("iaf_psc_alpha", "spike_detector", "static_synapse", "Simulate", "Connect", "add"):
        assert f'id="{name}"' in html
    nest.helpdesk()
    assert len(opened) == 2


def test_get_argv_is_the_kernel_command_line():
    argv = nest.hl_api.get_argv()
    assert isinstance(argv, tuple) and len(argv) >= 1


# -- subnets (deprecated, first-class in the tutorial generation) ---------------------------------

def test_subnets_begin_end_and_queries(capsys):
    with pytest.warns(NESTDeprecationWarning):
        assert nest.CurrentSubnet() == (0,)
    nest.BeginSubnet(label="layer")
    sn = nest.CurrentSubnet()
    assert sn == (1,) and nest.GetStatus(sn, "label") == ("layer",)
    inner = nest.Create("iaf_psc_alpha", 2)
    assert nest.EndSubnet() == sn and nest.CurrentSubnet() == (0,)
    assert nest.GetChildren(sn) == (inner,)
    assert nest.GetLeaves(sn) == (inner,)
    assert nest.GetNodes(sn) == (inner,)
    assert nest.GetChildren(sn, {"model": "spike_detector"}) == ((),)
    nest.ChangeSubnet(sn)
    assert nest.Create("iaf_psc_alpha") == (4,)
    nest.ChangeSubnet((0,))
    assert nest.GetStatus([4], "parent") == (1,)
    with pytest.raises(nest.NESTError, match="Cannot go higher than the root node"):
        nest.EndSubnet()
    with pytest.raises(nest.NESTError, match=r"ChangeSubnet\(\) expects exactly one GID."):
        nest.ChangeSubnet([1, 2])
    with pytest.raises(nest.NESTErrors.SubnetExpected):
        nest.ChangeSubnet([2])
    with pytest.raises(nest.NESTErrors.SubnetExpected):
        nest.GetChildren([2])
    nest.PrintNetwork(2)
    tree = capsys.readouterr().out
    assert "[0] root" in tree and "[1] layer" in tree


def test_layout_network_builds_nested_subnets():
    top = nest.LayoutNetwork("iaf_psc_alpha", [2, 3], label="grid")
    assert nest.GetStatus(top, "label") == ("grid",)
    rows = nest.GetChildren(top)[0]
    assert len(rows) == 2
    leaves = nest.GetLeaves(top)[0]
    assert len(leaves) == 6 and set(nest.GetStatus(leaves, "model")) == {"iaf_psc_alpha"}
    assert len(nest.GetNodes(top)[0]) == 8
    network = nest.GetNetwork(top, 2)
    assert network[0] == top[0] and len(network) == 3
    with pytest.raises(ValueError):
        nest.LayoutNetwork("iaf_psc_alpha", 3)


def test_deprecation_warnings_point_at_the_caller_and_show_once():
    with pytest.warns(NESTDeprecationWarning, match="CurrentSubnet is deprecated") as record:
        nest.CurrentSubnet()
        nest.CurrentSubnet()
    assert len(record) == 1 and record[0].filename == __file__
    with pytest.warns(NESTDeprecationWarning, match="model subnet is deprecated") as record:
        nest.Create("subnet")
    assert record[0].filename == __file__


def test_deprecation_warnings_are_shown_under_default_warning_filters(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "old_script.py"
    script.write_text("import nest\nnest.ResetNetwork()\n")
    proc = subprocess.run([sys.executable, "-W", "default", str(script)], capture_output=True,
                          text=True, timeout=60)
    proc_plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                timeout=60)
    for p in (proc, proc_plain):
        assert p.returncode == 0
        assert "old_script.py:2: NESTDeprecationWarning: ResetNetwork is deprecated" in p.stderr
