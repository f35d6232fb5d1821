// Fetches the server's time from the JSON endpoint, once a second.
async function showTime() {
  const response = await fetch("/api/time");
  const data = await response.json();
  document.getElementById("time").textContent = data.date;
}
showTime();
setInterval(showTime, 1000);
