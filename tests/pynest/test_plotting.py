"""nest.raster_plot and nest.voltage_trace: plots from a device, from files and from data arrays
hold exactly the recorded values."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nest  # noqa: E402
import nest.raster_plot  # noqa: E402
import nest.voltage_trace  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_kernel():
    nest.ResetKernel()
    yield
    plt.close("all")
    nest.ResetKernel()


@pytest.fixture
def recorded(tmp_path):
    """Three regularly firing neurons recorded by a spike detector (memory and file), a voltmeter
    (file) and a multimeter (memory)."""
    nest.SetKernelStatus({"data_path": str(tmp_path)})
    neurons = nest.Create("iaf_psc_alpha", 3, [{"I_e": 400.0}, {"I_e": 450.0}, {"I_e": 500.0}])
    sd = nest.Create("spike_detector", params={"to_file": True, "to_memory": True})
    vm = nest.Create("voltmeter", params={"to_file": True, "to_memory": False})
    mm = nest.Create("multimeter", params={"record_from": ["V_m"], "withtime": True})
    nest.Connect(neurons, sd, "all_to_all")
    nest.Connect(vm, neurons, "all_to_all")
    nest.Connect(mm, neurons, "all_to_all")
    nest.Simulate(200.0)
    return {"neurons": neurons, "sd": sd, "vm": vm, "mm": mm, "dir": tmp_path}


def test_raster_from_device_plots_senders_against_times_with_rate_histogram(recorded):
    events = nest.GetStatus(recorded["sd"], "events")[0]
    (line,) = nest.raster_plot.from_device(recorded["sd"])
    np.testing.assert_array_equal(line.get_xdata(), events["times"])
    np.testing.assert_array_equal(line.get_ydata(), events["senders"])
    fig = plt.gcf()
    assert len(fig.axes) == 2  # raster above, histogram below (on by default in 2.20)
    raster, hist = fig.axes
    assert raster.get_title() == f"Raster plot from device '{recorded['sd'][0]}'"
    assert raster.get_ylabel() == "Neuron ID" and hist.get_ylabel() == "Rate (Hz)"
    assert hist.get_xlabel() == "Time (ms)"
    heights = [p.get_height() for p in hist.patches]
    # bins of 5 ms, rate per neuron in Hz: the counts add up to all spikes
    assert sum(heights) * 5.0 * 3 / 1000.0 == pytest.approx(len(events["times"]))


def test_raster_without_histogram_and_in_grayscale(recorded):
    (line,) = nest.raster_plot.from_device(recorded["sd"], hist=False, grayscale=True,
                                           title="spikes")
    assert len(plt.gcf().axes) == 1 and plt.gca().get_title() == "spikes"
    assert line.get_color() == "k"


def test_raster_from_file_matches_the_device(recorded):
    fname = nest.GetStatus(recorded["sd"], "filenames")[0][0]
    events = nest.GetStatus(recorded["sd"], "events")[0]
    (line,) = nest.raster_plot.from_file(fname, hist=False)
    order = np.lexsort((line.get_ydata(), line.get_xdata()))
    ref = np.lexsort((events["senders"], events["times"]))
    np.testing.assert_allclose(line.get_xdata()[order], events["times"][ref], atol=1e-3)
    np.testing.assert_array_equal(line.get_ydata()[order], events["senders"][ref])


def test_raster_from_several_files_skips_empty_ones(tmp_path):
    first, empty, second = tmp_path / "a.gdf", tmp_path / "b.gdf", tmp_path / "c.gdf"
    first.write_text("1\t10.0\n2\t12.5\n")
    empty.write_text("")
    second.write_text("3\t7.0\n")
    (line,) = nest.raster_plot.from_file([str(first), str(empty), str(second)], hist=False)
    assert line.get_xdata().tolist() == [10.0, 12.5, 7.0]
    assert line.get_ydata().tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(nest.NESTError, match="spike files are empty"):
        nest.raster_plot.from_file(str(empty))


def test_raster_from_data_with_selection():
    data = np.array([[1, 10.0], [2, 12.0], [1, 20.0], [3, 25.0]])
    (line,) = nest.raster_plot.from_data(data, sel=[1, 3], hist=False)
    assert line.get_xdata().tolist() == [10.0, 20.0, 25.0]
    assert line.get_ydata().tolist() == [1.0, 1.0, 3.0]
    assert nest.raster_plot.extract_events(data, time=[15.0]).tolist() == [[1, 10.0], [2, 12.0]]
    assert nest.raster_plot.extract_events(data, time=[11.0, 21.0], sel=[1]).tolist() == [[1, 20.0]]
    with pytest.raises(nest.NESTError, match="No data to plot"):
        nest.raster_plot.from_data(np.zeros((0, 2)))


def test_raster_from_device_errors():
    n = nest.Create("iaf_psc_alpha")
    sd = nest.Create("spike_detector")
    with pytest.raises(nest.NESTError, match="Please provide a spike_detector"):
        nest.raster_plot.from_device(n)
    with pytest.raises(nest.NESTError, match="No events recorded"):
        nest.raster_plot.from_device(sd)
    nest.SetStatus(sd, {"to_memory": False})
    with pytest.raises(nest.NESTError, match="No data to plot"):
        nest.raster_plot.from_device(sd)


def test_voltage_trace_from_multimeter_has_one_line_per_neuron(recorded):
    events = nest.GetStatus(recorded["mm"], "events")[0]
    lines = nest.voltage_trace.from_device(recorded["mm"])
    assert [ln.get_label() for ln in lines] == [f"Neuron {g}" for g in recorded["neurons"]]
    for ln, gid in zip(lines, recorded["neurons"]):
        sel = events["senders"] == gid
        np.testing.assert_array_equal(ln.get_xdata(), events["times"][sel])
        np.testing.assert_array_equal(ln.get_ydata(), events["V_m"][sel])
    assert plt.gca().get_ylabel() == "Membrane potential (mV)"
    assert plt.gca().get_title() == "Membrane potential"


def test_voltage_trace_in_seconds_for_chosen_neurons(recorded):
    events = nest.GetStatus(recorded["mm"], "events")[0]
    gid = recorded["neurons"][1]
    (line,) = nest.voltage_trace.from_device(recorded["mm"], neurons=[gid], timeunit="s")
    np.testing.assert_allclose(line.get_xdata(), events["times"][events["senders"] == gid] / 1000.0)
    assert plt.gca().get_xlabel() == "Time (s)"


def test_voltage_trace_from_a_voltmeter_file(recorded):
    (path,) = [p for p in recorded["dir"].iterdir() if p.name.startswith("voltmeter")]
    lines = nest.voltage_trace.from_file(str(path))
    assert len(lines) == 3
    data = np.loadtxt(path)  # columns gid, time, V_m
    for ln, gid in zip(lines, recorded["neurons"]):
        np.testing.assert_allclose(ln.get_ydata(), data[data[:, 0] == gid, 2])
        np.testing.assert_allclose(ln.get_xdata(), data[data[:, 0] == gid, 1])


def test_voltage_trace_from_a_file_only_voltmeter_reads_its_file(recorded):
    (path,) = nest.GetStatus(recorded["vm"], "filenames")[0]
    assert path.startswith(str(recorded["dir"]))
    lines = nest.voltage_trace.from_device(recorded["vm"])
    data = np.loadtxt(path)
    assert len(lines) == 3
    np.testing.assert_allclose(lines[0].get_ydata(), data[data[:, 0] == recorded["neurons"][0], 2])


def test_voltage_trace_from_device_errors():
    sd = nest.Create("spike_detector")
    mm = nest.Create("multimeter", params={"record_from": ["V_m"]})
    with pytest.raises(nest.NESTError, match="Please provide a voltmeter or a multimeter"):
        nest.voltage_trace.from_device(sd)
    with pytest.raises(nest.NESTError, match="No events recorded"):
        nest.voltage_trace.from_device(mm)
    with pytest.raises(nest.NESTError, match="Please provide a single voltmeter"):
        nest.voltage_trace.from_device(mm + mm)


@pytest.mark.parametrize("module, model", [(nest.raster_plot, "spike_detector"),
                                           (nest.voltage_trace, "voltmeter")])
def test_plot_from_a_file_device_before_simulating_is_a_clear_error(module, model):
    dev = nest.Create(model, params={"to_file": True, "to_memory": False})
    with pytest.raises(nest.NESTError, match="has no files yet"):
        module.from_device(dev)
