@echo off
rem tcplab.cmd (portable zip, Windows): double-click it for the window; in cmd or PowerShell,
rem "tcplab.cmd explain netstat.txt" and the other commands. Needs Java 17 or newer:
rem %JAVA_HOME%\bin\java if JAVA_HOME is set, else java on the PATH. JavaFX for Windows is in
rem javafx\win. JVM settings as in the build's launcher; extra JVM options in TCPLAB_JAVA_OPTS.
setlocal
set "TCPLAB_JAVA=java"
set "TCPLAB_JAVAW=javaw"
if defined JAVA_HOME set "TCPLAB_JAVA=%JAVA_HOME%\bin\java"
if defined JAVA_HOME set "TCPLAB_JAVAW=%JAVA_HOME%\bin\javaw"
set "TCPLAB_CP=%~dp0javafx\win\*;%~dp0tcplab.jar"
rem Without arguments (a double-click): the window, without a console window left open behind it.
if "%~1"=="" (
  start "TCP State Lab" "%TCPLAB_JAVAW%" -XX:+UseSerialGC -Xms32m %TCPLAB_JAVA_OPTS% -cp "%TCPLAB_CP%" tcplab.cli.Main
  exit /b 0
)
"%TCPLAB_JAVA%" -XX:+UseSerialGC -Xms32m %TCPLAB_JAVA_OPTS% -cp "%TCPLAB_CP%" tcplab.cli.Main %*
exit /b %ERRORLEVEL%
